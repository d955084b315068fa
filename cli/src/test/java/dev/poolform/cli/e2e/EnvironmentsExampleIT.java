package dev.poolform.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.cli.CliRun;
import dev.poolform.runtime.local.LocalGroup;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code examples/environments}: one configuration, planned and applied on the local cloud with
 * each of its {@code .poolvars} files, each environment in its own state file. About 3 s.
 */
class EnvironmentsExampleIT {
  @TempDir Path dir;

  @Test
  void oneConfigurationServesStagingAndProduction() throws Exception {
    Path project = ExamplesOnLocalIT.copy(dir, "environments");
    Workspace ws = new Workspace(project);

    CliRun staging =
        ws.expect(
            2,
            "plan",
            "--var-file",
            "staging.poolvars",
            "--state",
            "staging.state.json",
            "--detailed-exitcode");
    assertThat(staging.out())
        .contains("pool.web-staging will be created")
        .contains("capacity.min", "= 1")
        .doesNotContain("web-production");
    CliRun production =
        ws.expect(
            2,
            "plan",
            "--var-file",
            "production.poolvars",
            "--state",
            "production.state.json",
            "--detailed-exitcode");
    assertThat(production.out())
        .contains("pool.web-production will be created")
        .contains("\"large\"")
        .doesNotContain("web-staging");

    ws.expect(
        0,
        "apply",
        "--var-file",
        "staging.poolvars",
        "--state",
        "staging.state.json",
        "--auto-approve");
    LocalGroup g = ws.cloud("default").group("web-staging").orElseThrow();
    assertThat(g.model().machine().string("size")).contains("small");
    assertThat(project.resolve("staging.state.json")).exists();
    assertThat(
            ws.expect(
                    0,
                    "plan",
                    "--var-file",
                    "staging.poolvars",
                    "--state",
                    "staging.state.json",
                    "--detailed-exitcode")
                .out())
        .contains("No changes.");
    // The production state knows nothing of staging's pool: it still plans one create.
    assertThat(
            ws.expect(
                    2,
                    "plan",
                    "--var-file",
                    "production.poolvars",
                    "--state",
                    "production.state.json",
                    "--detailed-exitcode")
                .out())
        .contains("pool.web-production will be created")
        .doesNotContain("web-staging");

    // A --var after the file overrides it; the plan shows the new capacity.
    CliRun bigger =
        ws.expect(
            2,
            "plan",
            "--var-file",
            "staging.poolvars",
            "--var",
            "replicas=2",
            "--state",
            "staging.state.json",
            "--detailed-exitcode");
    assertThat(bigger.out()).contains("pool.web-staging will be scaled");

    ws.expect(
        0,
        "destroy",
        "--var-file",
        "staging.poolvars",
        "--state",
        "staging.state.json",
        "--auto-approve");
    assertThat(ws.groups()).isEmpty();
  }

  @Test
  void withoutValuesItStopsBeforeTouchingAnything() throws Exception {
    Workspace ws = new Workspace(ExamplesOnLocalIT.copy(dir, "environments"));
    for (String[] args :
        Stream.of(
                new String[] {"plan"},
                new String[] {"apply", "--auto-approve"},
                new String[] {"plan", "--var", "env=prod"})
            .toList()) {
      CliRun r = ws.expect(1, args);
      assertThat(r.err()).containsAnyOf("error[E0411]", "error[E0412]");
    }
    assertThat(ws.groups()).isEmpty();
  }
}
