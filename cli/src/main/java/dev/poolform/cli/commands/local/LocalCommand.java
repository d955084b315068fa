package dev.poolform.cli.commands.local;

import dev.poolform.cli.CliContext;
import dev.poolform.cli.ExitCode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code pool local}: the group of commands that act on the local cloud from outside. */
@Command(
    description = {
      "Act on the built-in local cloud behind Poolform's back: scale a group, kill a machine,",
      "make one unhealthy, delete a group, list what runs. Plan and apply then see the drift and",
      "the failures."
    },
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {
      LocalListCommand.class,
      LocalScaleCommand.class,
      LocalKillCommand.class,
      LocalSickCommand.class,
      LocalDeleteCommand.class,
    },
    footer = {
      "",
      "Exit status: 0 ok, 1 the cloud refused (no such machine, size out of bounds), 2 usage error.%n"
    })
public final class LocalCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Spec CommandSpec spec;

  public LocalCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    ctx.err().print(spec.commandLine().getUsageMessage(spec.commandLine().getColorScheme()));
    return ExitCode.USAGE;
  }
}
