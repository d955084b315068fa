package dev.poolform.cli.commands.state;

import dev.poolform.cli.CliContext;
import dev.poolform.cli.ExitCode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code pool state}: the group of state commands. */
@Command(
    description =
        "Read and edit the state file under its lock: list, show, rm (forget a pool), mv (rename an address), restore (go back to an earlier state); rekey (a new state key), migrate (to where the `state` block says).",
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {
      StateListCommand.class,
      StateShowCommand.class,
      StateRmCommand.class,
      StateMvCommand.class,
      StateRestoreCommand.class,
      StateRekeyCommand.class,
      StateMigrateCommand.class
    },
    footer = {
      "",
      "Exit status: 0 ok, 1 no such address or the state cannot be used, 2 usage error, the state is locked or a state key is missing.%n"
    })
public final class StateCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Spec CommandSpec spec;

  public StateCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    ctx.err().print(spec.commandLine().getUsageMessage(spec.commandLine().getColorScheme()));
    return ExitCode.USAGE;
  }
}
