package dev.poolform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pool fmt}: in place, --check, --diff, stdin, directories, errors. */
class FmtCommandTest {
  static final String MESSY =
      "cloud   local dev {}\npool \"web\" on dev {\ncapacity{min=1 max=3}\nmachine { size = \"small\"  image = \"u\" }\n}\n";

  @TempDir Path dir;

  private String formatted() {
    CliRun r = CliRun.run(dir, Map.of(), MESSY, "fmt", "-");
    assertThat(r.status()).as(r.err()).isZero();
    return r.out();
  }

  @Test
  void stdinToStdout() {
    String out = formatted();
    assertThat(out)
        .isNotEqualTo(MESSY)
        .contains("cloud local dev {}")
        .containsPattern("capacity \\{ min = 1,? +max = 3 \\}");
    assertThat(CliRun.run(dir, Map.of(), out, "fmt", "-").out()).as("fixed point").isEqualTo(out);
  }

  @Test
  void rewritesFilesInPlaceAndListsThem() throws Exception {
    Path f = dir.resolve("web.pool");
    Files.writeString(f, MESSY);
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
    CliRun r = CliRun.in(dir, "fmt");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("web.pool\n");
    assertThat(Files.readString(f)).isEqualTo(formatted());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
        .isEqualTo("rw-r-----");
    assertThat(CliRun.in(dir, "fmt").out()).as("nothing left to change").isEmpty();
  }

  @Test
  void checkChangesNothingAndExitsOne() throws Exception {
    Path f = dir.resolve("web.pool");
    Files.writeString(f, MESSY);
    CliRun r = CliRun.in(dir, "fmt", "--check", "web.pool");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out()).isEqualTo("web.pool\n");
    assertThat(Files.readString(f)).isEqualTo(MESSY);
    Files.writeString(f, formatted());
    assertThat(CliRun.in(dir, "fmt", "--check", "web.pool").status()).isZero();
  }

  @Test
  void diffShowsTheChange() throws Exception {
    Files.writeString(dir.resolve("web.pool"), MESSY);
    CliRun r = CliRun.in(dir, "fmt", "--diff", "--check");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out())
        .startsWith("--- a/web.pool\n+++ b/web.pool\n@@ ")
        .contains("\n-capacity{min=1 max=3}\n");
  }

  @Test
  void recursiveSkipsHiddenAndTargetDirectories() throws Exception {
    Files.createDirectories(dir.resolve("sub"));
    Files.createDirectories(dir.resolve(".hidden"));
    Files.createDirectories(dir.resolve("target"));
    for (String p : new String[] {"sub/a.pool", ".hidden/b.pool", "target/c.pool"})
      Files.writeString(dir.resolve(p), MESSY);
    assertThat(CliRun.in(dir, "fmt", "--check").out()).isEmpty();
    assertThat(CliRun.in(dir, "fmt", "--check", "-r").out()).isEqualTo("sub/a.pool\n");
  }

  @Test
  void syntaxErrorsLeaveTheFileAndExitOne() throws Exception {
    Path f = dir.resolve("bad.pool");
    Files.writeString(f, "pool \"x\" on {\n");
    CliRun r = CliRun.in(dir, "fmt", "bad.pool");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).contains("error[E0101]");
    assertThat(Files.readString(f)).isEqualTo("pool \"x\" on {\n");
  }

  @Test
  void notUtf8IsOneLocatedErrorForFmtAndValidateAlike() throws Exception {
    Path f = dir.resolve("bin.pool");
    byte[] bytes =
        ("cloud local dev {}\n# caf\u00e9\npool \"web\" on dev {\n"
                + "  capacity { min = 1  max = 3 }\n"
                + "  machine  { size = \"small\"  image = \"ubuntu-24.04\" }\n}\n")
            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    Files.write(f, bytes);
    CliRun fmt = CliRun.in(dir, "fmt", "bin.pool");
    CliRun validate = CliRun.in(dir, "validate", "bin.pool");
    for (CliRun r : List.of(fmt, validate)) {
      assertThat(r.status()).as(r.err()).isEqualTo(1);
      assertThat(r.err())
          .startsWith("error[E0105]: This byte is not UTF-8")
          .contains(" --> bin.pool:2:6");
    }
    assertThat(Files.readAllBytes(f)).isEqualTo(bytes);
  }
}
