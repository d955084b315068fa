package dev.poolform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class MainTest {

  @Test
  void helpListsEveryCommandAndExitsZero() {
    CliRun r = CliRun.run("--help");
    assertThat(r.status()).isZero();
    assertThat(r.out()).contains("validate", "compile", "fmt", "explain", "version", "Exit status");
    assertThat(CliRun.run("-h").out()).isEqualTo(r.out());
  }

  @Test
  void everySubcommandHasHelp() {
    for (String sub : new String[] {"validate", "compile", "fmt", "explain", "version"}) {
      CliRun r = CliRun.run(sub, "--help");
      assertThat(r.status()).as(sub).isZero();
      assertThat(r.out()).as(sub).startsWith("Usage: pool " + sub);
      assertThat(CliRun.run(sub, "-h").status()).as(sub).isZero();
    }
  }

  @Test
  void noCommandIsAUsageError() {
    CliRun r = CliRun.run();
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("Usage: pool");
  }

  @Test
  void unknownOptionsAndCommandsExitTwoWithAShortMessage() {
    CliRun r = CliRun.run("validate", "--bogus");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err())
        .startsWith("error: Unknown option: '--bogus'")
        .contains("Try 'pool validate --help'");
    assertThat(r.hasStackTrace()).isFalse();

    CliRun s = CliRun.run("valdate");
    assertThat(s.status()).isEqualTo(2);
    assertThat(s.err())
        .startsWith("error: pool has no command 'valdate'.\n")
        .contains("validate")
        .doesNotContain("index");
    assertThat(s.hasStackTrace()).isFalse();

    // A second PATH: said as what the user typed, not as picocli's argument index.
    CliRun extra = CliRun.run("validate", "a.pool", "b.pool");
    assertThat(extra.status()).isEqualTo(2);
    assertThat(extra.err())
        .startsWith("error: Unexpected argument 'b.pool'.\n")
        .contains("Try 'pool validate --help'");

    CliRun e = CliRun.run("compile", "--emit", "yaml");
    assertThat(e.status()).isEqualTo(2);
    assertThat(e.err()).contains("--emit").contains("ir");
  }

  @Test
  void versionPrintsTheFilteredVersion() {
    CliRun r = CliRun.run("version");
    assertThat(r.status()).isZero();
    assertThat(r.out()).matches("poolform \\d+\\.\\d+\\.\\d+\\S* \\(Java .+\\)\n");
    assertThat(CliRun.run("--version").out()).isEqualTo(r.out());
  }

  @Test
  void missingPathIsAnEnvironmentError() {
    for (String cmd : new String[] {"validate", "compile", "fmt"}) {
      CliRun r = CliRun.run(cmd, "does/not/exist.pool");
      assertThat(r.status()).as(cmd).isEqualTo(2);
      assertThat(r.err())
          .as(cmd)
          .isEqualTo("error: No such file or directory: does/not/exist.pool.\n");
    }
  }

  @Command(name = "boom")
  static final class Boom implements Callable<Integer> {
    @Override
    public Integer call() {
      throw new IllegalStateException("kaboom\nsecond line");
    }
  }

  private static CliRun runBoom(Map<String, String> env) {
    var out = new java.io.StringWriter();
    var err = new java.io.StringWriter();
    CliContext ctx =
        new CliContext(
            new java.io.PrintWriter(out),
            new java.io.PrintWriter(err),
            java.io.InputStream.nullInputStream(),
            env,
            Path.of("."),
            false);
    CommandLine cmd = Main.commandLine(ctx);
    cmd.addSubcommand("boom", new Boom());
    int status = cmd.execute("boom");
    ctx.err().flush();
    return new CliRun(status, out.toString(), err.toString());
  }

  @Test
  void unexpectedExceptionsBecomeOneLineInternalErrors() {
    CliRun r = runBoom(Map.of());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).startsWith("internal error: IllegalStateException: kaboom second line\n");
    assertThat(r.hasStackTrace()).isFalse();
  }

  @Test
  void debugAddsTheStackTrace() {
    CliRun r = runBoom(Map.of("POOLFORM_DEBUG", "1"));
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).startsWith("internal error:").contains("\tat ");
  }

  @Test
  void colourOnlyOnATerminalWithoutNoColorOrDumbTerm() {
    assertThat(CliContext.wantsColour(true, Map.of())).isTrue();
    assertThat(CliContext.wantsColour(false, Map.of())).isFalse();
    assertThat(CliContext.wantsColour(true, Map.of("NO_COLOR", "1"))).isFalse();
    assertThat(CliContext.wantsColour(true, Map.of("NO_COLOR", ""))).isTrue();
    assertThat(CliContext.wantsColour(true, Map.of("TERM", "dumb"))).isFalse();
  }
}
