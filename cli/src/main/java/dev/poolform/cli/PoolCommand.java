package dev.poolform.cli;

import dev.poolform.cli.commands.CompileCommand;
import dev.poolform.cli.commands.ExplainCommand;
import dev.poolform.cli.commands.FmtCommand;
import dev.poolform.cli.commands.ValidateCommand;
import dev.poolform.cli.commands.VersionCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The root {@code pool} command. To add a command, write a class in {@code commands/} and add one
 * line to {@code subcommands} below; a constructor taking {@link CliContext} receives it. {@code
 * --help}/{@code -h} and {@code --version}/{@code -V} are inherited by every subcommand.
 */
@Command(
    name = "pool",
    mixinStandardHelpOptions = true,
    scope = ScopeType.INHERIT,
    versionProvider = VersionInfo.class,
    description = {
      "Declarative machine pools across clouds.",
      "Validate, compile, plan and apply configurations written in .pool files."
    },
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {
      ValidateCommand.class,
      CompileCommand.class,
      FmtCommand.class,
      ExplainCommand.class,
      VersionCommand.class,
      dev.poolform.cli.commands.PlanCommand.class,
      dev.poolform.cli.commands.ApplyCommand.class,
      dev.poolform.cli.commands.DestroyCommand.class,
      dev.poolform.cli.commands.ShowCommand.class,
      dev.poolform.cli.commands.state.StateCommand.class,
      dev.poolform.cli.commands.ImportCommand.class,
      dev.poolform.cli.commands.ForceUnlockCommand.class,
      dev.poolform.cli.commands.local.LocalCommand.class,
      dev.poolform.cli.commands.LspCommand.class,
    },
    footer = {
      "",
      "Exit status: 0 ok (warnings allowed), 1 errors in the configuration, 2 usage or environment error.",
      "Run 'pool COMMAND --help' for a command's options.%n"
    })
public final class PoolCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Spec CommandSpec spec;

  public PoolCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  /** {@code pool} alone: the usage, as an error (a command is required). */
  @Override
  public Integer call() {
    ctx.err().print(spec.commandLine().getUsageMessage(spec.commandLine().getColorScheme()));
    return ExitCode.USAGE;
  }
}
