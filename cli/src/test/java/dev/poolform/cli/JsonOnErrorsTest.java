package dev.poolform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poolform.ir.json.CanonicalJson;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command asked for JSON that ends on errors before its JSON (a broken configuration, a plan the
 * clouds refuse, a state it may not use) still gives its reader JSON on stdout: the diagnostics
 * document {@code pool validate --json} prints, as Terraform's {@code -json} does; a JSON-lines
 * command prints it as one line. The text stays on stderr for people.
 */
class JsonOnErrorsTest {
  @TempDir Path dir;

  static final String BROKEN =
      """
      cloud local dev {}

      pool "web" on dev {
        capacity { min = 1  max = 2  desired = 5 }
        machine  { size = "small"  image = "ubuntu-24.04" }
      }
      """;

  CliRun pool(int status, String... args) {
    CliRun r = CliRun.run(dir, RoughEdgesTest.ENV, "", args);
    assertThat(r.status()).as(r.out() + r.err()).isEqualTo(status);
    assertThat(r.hasStackTrace()).as(r.out() + r.err()).isFalse();
    return r;
  }

  @Test
  void aBrokenConfigurationGivesTheValidateDiagnosticsDocumentOnStdout() throws Exception {
    Files.writeString(dir.resolve("main.pool"), BROKEN);
    String validate = pool(1, "validate", "--json").out();
    for (String command : new String[] {"plan", "status"}) {
      CliRun r = pool(1, command, "--json");
      assertThat(r.out()).as(command).isEqualTo(validate);
      assertThat(r.err()).as(command).contains("error[E0402]").contains("main.pool:4:");
    }
    JsonNode d = CanonicalJson.parse(validate).path("diagnostics").get(0);
    assertThat(d.path("code").asText()).isEqualTo("E0402");
    assertThat(d.path("line").asInt()).isEqualTo(4);
  }

  @Test
  void aStreamingCommandGivesTheDiagnosticsAsOneLine() throws Exception {
    Files.writeString(dir.resolve("main.pool"), BROKEN);
    CliRun r = pool(1, "apply", "--auto-approve", "--json");
    assertThat(r.out().lines()).hasSize(1);
    JsonNode line = CanonicalJson.parse(r.out());
    assertThat(line.path("type").asText()).isEqualTo("diagnostics");
    assertThat(line.path("diagnostics"))
        .isEqualTo(CanonicalJson.parse(pool(1, "validate", "--json").out()).path("diagnostics"));
    assertThat(dir.resolve("main.state.json")).doesNotExist();
  }

  @Test
  void aPlanTheCloudRefusesGivesItsLocatedErrorAsJson() throws Exception {
    String pool = RoughEdgesTest.ONE;
    Files.writeString(dir.resolve("a.pool"), pool);
    Files.writeString(dir.resolve("b.pool"), pool);
    pool(0, "apply", "--auto-approve", "a.pool");
    CliRun r = pool(1, "plan", "--json", "b.pool");
    JsonNode d = CanonicalJson.parse(r.out()).path("diagnostics");
    assertThat(d).hasSize(1);
    assertThat(d.get(0).path("code").asText()).isEqualTo("E0602");
    assertThat(d.get(0).path("file").asText()).isEqualTo("b.pool");
    assertThat(d.get(0).path("message").asText())
        .startsWith("pool.web: A group named `web` already exists");
  }

  @Test
  void anErrorAboutNoPlaceInTheConfigurationHasNoLocation() throws Exception {
    Files.writeString(dir.resolve("a.pool"), RoughEdgesTest.ONE);
    Files.writeString(dir.resolve("b.pool"), RoughEdgesTest.ONE.replace("\"web\"", "\"api\""));
    pool(0, "apply", "--auto-approve", "a.pool");
    CliRun r = pool(1, "plan", "--json", "b.pool", "--state", "a.state.json");
    JsonNode d = CanonicalJson.parse(r.out()).path("diagnostics").get(0);
    assertThat(d.path("code").isNull()).isTrue();
    assertThat(d.path("file").isNull()).isTrue();
    assertThat(d.path("line").isNull()).isTrue();
    assertThat(d.path("severity").asText()).isEqualTo("error");
    assertThat(d.path("message").asText())
        .contains("a.state.json belongs to the configuration a.pool, not to b.pool");
    assertThat(r.err()).contains("a.state.json belongs to the configuration a.pool");
  }

  /**
   * picocli's own refusals (an unknown option, an option missing its value) on a command run with
   * --json: the same text on stderr, and JSON on stdout in the command's shape, exit 2.
   */
  @Test
  void aUsageErrorOfACommandRunWithJsonIsJsonToo() throws Exception {
    Files.writeString(dir.resolve("main.pool"), RoughEdgesTest.ONE);
    CliRun unknown = pool(2, "plan", "--json", "--bogus");
    assertThat(unknown.err()).contains("error: Unknown option: '--bogus'");
    JsonNode d = CanonicalJson.parse(unknown.out()).path("diagnostics");
    assertThat(d).hasSize(1);
    assertThat(d.get(0).path("code").isNull()).isTrue();
    assertThat(d.get(0).path("line").isNull()).isTrue();
    assertThat(d.get(0).path("severity").asText()).isEqualTo("error");
    assertThat(d.get(0).path("message").asText()).contains("Unknown option: '--bogus'");

    CliRun missing = pool(2, "apply", "--auto-approve", "--json", "--target");
    assertThat(missing.out().lines()).hasSize(1);
    JsonNode line = CanonicalJson.parse(missing.out());
    assertThat(line.path("type").asText()).isEqualTo("diagnostics");
    assertThat(line.path("diagnostics").get(0).path("message").asText()).contains("--target");
    assertThat(missing.err()).contains("--target");

    // Without --json, or for a command that has none, the refusal stays text only.
    assertThat(pool(2, "plan", "--bogus").out()).isEmpty();
    assertThat(pool(2, "fmt", "--json").out()).isEmpty();
  }
}
