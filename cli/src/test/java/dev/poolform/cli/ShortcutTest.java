package dev.poolform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code pool validate [PATH]} runs without picocli; everything else is picocli's. A shortcut must
 * answer exactly as picocli's command does: {@code validate -- PATH} is the same command line
 * parsed by picocli, so each case is run both ways and compared whole.
 */
class ShortcutTest {
  @TempDir Path dir;

  @Test
  void takesValidateWithAtMostAPath() {
    assertThat(Shortcut.of("validate")).contains(new Shortcut(null));
    assertThat(Shortcut.of("validate", "web.pool")).contains(new Shortcut(Path.of("web.pool")));
    assertThat(Shortcut.of("validate", "configs/")).contains(new Shortcut(Path.of("configs/")));
  }

  @Test
  void leavesEverythingElseToPicocli() {
    assertThat(Shortcut.of()).isEmpty();
    assertThat(Shortcut.of("plan", "web.pool")).isEmpty();
    assertThat(Shortcut.of("validate", "--help")).isEmpty();
    assertThat(Shortcut.of("validate", "-h")).isEmpty();
    assertThat(Shortcut.of("validate", "--json")).isEmpty();
    assertThat(Shortcut.of("validate", "--no-color")).isEmpty();
    assertThat(Shortcut.of("validate", "--")).isEmpty();
    assertThat(Shortcut.of("validate", "-")).isEmpty();
    assertThat(Shortcut.of("validate", "@args.txt")).isEmpty();
    assertThat(Shortcut.of("validate", "")).isEmpty();
    assertThat(Shortcut.of("validate", "bad\0path")).isEmpty();
    assertThat(Shortcut.of("validate", "a.pool", "b.pool")).isEmpty();
    assertThat(Shortcut.of("validate", "a.pool", "--json")).isEmpty();
    assertThat(Shortcut.of("Validate", "a.pool")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"good.pool", "bad.pool", "warn.pool", "missing.pool", "notes.txt", "."})
  void answersAsPicocliDoes(String path) throws Exception {
    write();
    CliRun shortcut = CliRun.in(dir, "validate", path);
    CliRun picocli = CliRun.in(dir, "validate", "--", path);
    assertThat(shortcut).isEqualTo(picocli);
  }

  @Test
  void theCurrentDirectoryAsPicocliDoes() throws Exception {
    write();
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertThat(CliRun.in(dir, "validate")).isEqualTo(CliRun.in(dir, "validate", "--"));
    CliRun none = CliRun.in(empty, "validate");
    assertThat(none.status()).isEqualTo(ExitCode.USAGE);
    assertThat(none.err()).startsWith("error: No .pool files in the current directory");
    assertThat(none).isEqualTo(CliRun.in(empty, "validate", "--"));
  }

  private void write() throws Exception {
    Files.writeString(dir.resolve("good.pool"), ConfigCommandsTest.GOOD);
    Files.writeString(dir.resolve("bad.pool"), ConfigCommandsTest.BAD);
    Files.writeString(dir.resolve("warn.pool"), ConfigCommandsTest.WARN);
    Files.writeString(dir.resolve("notes.txt"), "not a configuration\n");
  }
}
