package dev.poolform.cli;

import dev.poolform.cli.commands.ApplyCommand;
import dev.poolform.cli.commands.CompileCommand;
import dev.poolform.cli.commands.DestroyCommand;
import dev.poolform.cli.commands.ExplainCommand;
import dev.poolform.cli.commands.FmtCommand;
import dev.poolform.cli.commands.ForceUnlockCommand;
import dev.poolform.cli.commands.ImportCommand;
import dev.poolform.cli.commands.LspCommand;
import dev.poolform.cli.commands.PlanCommand;
import dev.poolform.cli.commands.ShowCommand;
import dev.poolform.cli.commands.ValidateCommand;
import dev.poolform.cli.commands.VersionCommand;
import dev.poolform.cli.commands.local.LocalCommand;
import dev.poolform.cli.commands.state.StateCommand;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The root {@code pool} command. To add a command, write a class in {@code commands/} and add one
 * line to {@link #SUBCOMMANDS}; a constructor taking {@link CliContext} receives it. {@code
 * --help}/{@code -h} and {@code --version}/{@code -V} are inherited by every subcommand.
 *
 * <p>The subcommands are listed here rather than in the annotation so that {@link Main} can build
 * only the one a command line names: picocli reads every command's annotations when it builds the
 * model, and doing that for all of them was most of a cold {@code pool validate}
 * (docs/BENCHMARKS.md#cold-start).
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
    footer = {
      "",
      "Exit status: 0 ok (warnings allowed), 1 errors in the configuration, 2 usage or environment error.",
      "Run 'pool COMMAND --help' for a command's options.%n"
    })
public final class PoolCommand implements Callable<Integer> {
  /** A top-level command: its name (stated only here) and its class. */
  record Subcommand(String name, Class<?> type) {}

  /** Every top-level command, in the order {@code pool --help} lists them. */
  static final List<Subcommand> SUBCOMMANDS =
      List.of(
          new Subcommand("validate", ValidateCommand.class),
          new Subcommand("compile", CompileCommand.class),
          new Subcommand("fmt", FmtCommand.class),
          new Subcommand("explain", ExplainCommand.class),
          new Subcommand("version", VersionCommand.class),
          new Subcommand("plan", PlanCommand.class),
          new Subcommand("apply", ApplyCommand.class),
          new Subcommand("destroy", DestroyCommand.class),
          new Subcommand("show", ShowCommand.class),
          new Subcommand("status", dev.poolform.cli.commands.StatusCommand.class),
          new Subcommand("watch", dev.poolform.cli.commands.WatchCommand.class),
          new Subcommand("events", dev.poolform.cli.commands.EventsCommand.class),
          new Subcommand("state", StateCommand.class),
          new Subcommand("import", ImportCommand.class),
          new Subcommand("force-unlock", ForceUnlockCommand.class),
          new Subcommand("local", LocalCommand.class),
          new Subcommand("lsp", LspCommand.class));

  /** The subcommand a command line starts with, if its first word names one. */
  static Optional<Subcommand> named(String[] args) {
    if (args.length == 0) return Optional.empty();
    for (Subcommand s : SUBCOMMANDS) if (s.name().equals(args[0])) return Optional.of(s);
    return Optional.empty();
  }

  private final CliContext ctx;

  @Spec CommandSpec spec;

  static final String NO_COLOR = "--no-color";

  // Read by Main before the command line is parsed (the context is built first); declared here so
  // that every command accepts and documents it (the command's scope is INHERIT).
  @Option(
      names = NO_COLOR,
      scope = ScopeType.INHERIT,
      description =
          "Print no colour, even on a terminal (as does the NO_COLOR environment variable).")
  boolean noColor;

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
