package dev.poolform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** validate and compile through the real compiler, on files in a temporary directory. */
class ConfigCommandsTest {
  static final String GOOD =
      """
      cloud local dev {}

      pool "web" on dev {
        capacity { min = 1, max = 3 }
        machine { size = "small", image = "ubuntu-24.04" }
      }
      """;
  static final String BAD = GOOD.replace("max = 3", "max = \"3\"");
  static final String WARN = "let unused = 1\n" + GOOD;

  @TempDir Path dir;

  private Path write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  @Test
  void validateAValidFile() throws Exception {
    write("web.pool", GOOD);
    CliRun r = CliRun.in(dir, "validate", "web.pool");
    assertThat(r.status()).isZero();
    assertThat(r.out()).isEqualTo("The configuration is valid: 1 pool.\n");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void validateDefaultsToTheCurrentDirectory() throws Exception {
    write("web.pool", GOOD);
    CliRun r = CliRun.in(dir, "validate");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out()).contains("1 pool");
  }

  @Test
  void validateReportsErrorsWithExitOne() throws Exception {
    write("web.pool", BAD);
    CliRun r = CliRun.in(dir, "validate", "web.pool");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .startsWith("error[E0301]: ")
        .contains(" --> web.pool:4:")
        .endsWith("error: 1 error\n");
    assertThat(r.err()).doesNotContain("\u001b[");
  }

  @Test
  void warningsStillExitZero() throws Exception {
    write("web.pool", WARN);
    CliRun r = CliRun.in(dir, "validate", "web.pool");
    assertThat(r.status()).isZero();
    assertThat(r.err()).startsWith("warning[W0501]").endsWith("warning: 1 warning\n");
    assertThat(r.out()).contains("valid");
  }

  @Test
  void validateJsonPrintsOnlyJsonOnStdout() throws Exception {
    write("web.pool", BAD);
    CliRun r = CliRun.in(dir, "validate", "--json", "web.pool");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).isEmpty();
    JsonNode d = new ObjectMapper().readTree(r.out()).get("diagnostics").get(0);
    assertThat(d.get("code").asText()).isEqualTo("E0301");
    assertThat(d.get("file").asText()).isEqualTo("web.pool");
    assertThat(d.get("line").asInt()).isEqualTo(4);

    write("web.pool", GOOD);
    CliRun ok = CliRun.in(dir, "validate", "--json", "web.pool");
    assertThat(ok.status()).isZero();
    assertThat(new ObjectMapper().readTree(ok.out()).get("diagnostics")).isEmpty();
  }

  @Test
  void notAPoolFileIsAUsageError() throws Exception {
    write("notes.txt", "hi");
    CliRun r = CliRun.in(dir, "validate", "notes.txt");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("error: Not a .pool file: notes.txt.\n");
  }

  @Test
  void compileEmitsCanonicalIrByteIdenticalAcrossRuns() throws Exception {
    write("web.pool", GOOD);
    CliRun a = CliRun.in(dir, "compile", "web.pool", "--emit", "ir");
    CliRun b = CliRun.in(dir, "compile", "web.pool", "--emit", "IR");
    assertThat(a.status()).as(a.err()).isZero();
    assertThat(a.out())
        .isEqualTo(b.out())
        .startsWith("{\n")
        .endsWith("}\n")
        .contains("\"address\": \"pool.web\"");
    assertThat(CliRun.in(dir, "compile", "web.pool").out())
        .as("ir is the default")
        .isEqualTo(a.out());
  }

  @Test
  void compileWritesToAFileAndNothingOnErrors() throws Exception {
    write("web.pool", GOOD);
    CliRun r = CliRun.in(dir, "compile", "web.pool", "-o", "out/ir.json");
    assertThat(r.status()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(Files.readString(dir.resolve("out/ir.json"))).contains("pool.web");

    write("bad.pool", BAD);
    CliRun bad = CliRun.in(dir, "compile", "bad.pool", "-o", "bad.json");
    assertThat(bad.status()).isEqualTo(1);
    assertThat(bad.out()).isEmpty();
    assertThat(dir.resolve("bad.json")).doesNotExist();
  }

  @Test
  void environmentReachesEnv() throws Exception {
    write("web.pool", GOOD.replace("\"ubuntu-24.04\"", "env(\"IMAGE\")"));
    assertThat(CliRun.in(dir, "validate", "web.pool").status()).isEqualTo(1);
    CliRun r = CliRun.run(dir, Map.of("IMAGE", "debian-12"), "", "compile", "web.pool");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out()).contains("\"debian-12\"");
  }
}
