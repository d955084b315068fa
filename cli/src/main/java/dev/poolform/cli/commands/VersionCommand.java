package dev.poolform.cli.commands;

import dev.poolform.cli.CliContext;
import dev.poolform.cli.ExitCode;
import dev.poolform.cli.VersionInfo;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code pool version}: the tool's version and the Java it runs on. */
@Command(
    description = "Print Poolform's version.",
    footer = {"", "Exit status: 0 always.%n"})
public final class VersionCommand implements Callable<Integer> {
  private final CliContext ctx;

  public VersionCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    ctx.out().println(VersionInfo.line());
    return ExitCode.OK;
  }
}
