package dev.poolform.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --var} and {@code --var-file} through the real CLI, on every command that compiles. */
class VariableOptionsTest {
  static final String POOL =
      """
      variable "env" { type = string }
      variable "replicas" { type = int  default = 1 }
      cloud local dev {}
      pool "web-${var.env}" on dev {
        capacity { min = var.replicas  max = 9 }
        machine  { size = "small"  image = "ubuntu" }
      }
      """;

  @TempDir Path dir;

  CliRun run(String... args) throws Exception {
    Files.writeString(dir.resolve("main.pool"), POOL);
    return CliRun.run(dir, Map.of(), "", args);
  }

  @Test
  void varAndVarFileAreTakenInCommandLineOrder() throws Exception {
    Files.writeString(dir.resolve("a.poolvars"), "env = \"a\"\nreplicas = 2\n");
    Files.writeString(dir.resolve("b.poolvars"), "env = \"b\"\n");
    CliRun r =
        run(
            "compile",
            "main.pool",
            "--var",
            "env=flag",
            "--var-file",
            "a.poolvars",
            "--var=replicas=5",
            "--var-file=b.poolvars");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("\"name\": \"web-b\"") // the last file wins over the earlier flag
        .contains("\"min\": 5"); // the later flag wins over the earlier file
  }

  @Test
  void everyCommandThatCompilesTakesThem() throws Exception {
    for (String command : new String[] {"validate", "compile", "plan", "apply", "destroy"}) {
      CliRun r = run(command, "--help");
      assertThat(r.out()).as(command).contains("--var=NAME=VALUE", "--var-file=FILE");
    }
    assertThat(run("import", "--help").out()).contains("--var=NAME=VALUE");
    CliRun ok = run("validate", "main.pool", "--var", "env=staging");
    assertThat(ok.status()).as(ok.err()).isZero();
    assertThat(ok.out()).contains("The configuration is valid: 1 pool.");
    CliRun plan = run("plan", "main.pool", "--var", "env=staging");
    assertThat(plan.status()).as(plan.err()).isZero();
    assertThat(plan.out()).contains("pool.web-staging will be created");
  }

  @Test
  void aVarWithoutANameIsAUsageError() throws Exception {
    CliRun r = run("validate", "main.pool", "--var", "staging");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("--var needs NAME=VALUE, got `staging`");
    assertThat(r.hasStackTrace()).isFalse();
  }

  @Test
  void aMissingVarFileIsAUsageError() throws Exception {
    CliRun r = run("plan", "main.pool", "--var-file", "nope.poolvars");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("No such variables file: nope.poolvars.");
    assertThat(dir.resolve("pool.state.json")).doesNotExist();
  }

  @Test
  void aBadValueIsALocatedErrorAndExitsOne() throws Exception {
    CliRun r = run("validate", "main.pool", "--var", "env=x", "--var", "replicas=many");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err())
        .contains("error[E0301]: Expected int for `var.replicas`, found `many`.")
        .contains("1 | --var replicas=many");
  }

  @Test
  void theEnvironmentGivesValuesToo() throws Exception {
    Files.writeString(dir.resolve("main.pool"), POOL);
    CliRun r = CliRun.run(dir, Map.of("POOL_VAR_env", "from-env"), "", "compile", "main.pool");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out()).contains("\"name\": \"web-from-env\"").contains("\"<environment>\"");
  }

  @Test
  void aSavedPlanIsAppliedWithTheValuesItWasMadeWith() throws Exception {
    CliRun plan = run("plan", "main.pool", "--var", "env=staging", "--out", "web.plan");
    assertThat(plan.status()).as(plan.err()).isZero();
    // Other values make another configuration: the plan is stale, nothing is applied.
    CliRun other = run("apply", "web.plan", "--var", "env=production");
    assertThat(other.status()).isEqualTo(1);
    assertThat(other.err()).contains("stale");
    CliRun same = run("apply", "web.plan", "--var", "env=staging");
    assertThat(same.status()).as(same.err()).isZero();
    assertThat(same.out()).contains("Apply complete! Pools: 1 created");
  }
}
