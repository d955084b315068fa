package dev.poolform.cli.commands.state;

import dev.poolform.cli.CliContext;
import dev.poolform.cli.workspace.Target;
import dev.poolform.cli.workspace.Workspaces;
import dev.poolform.runtime.Workspace;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the state is, for every {@code pool state} command. */
public final class StateOptions {
  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description = "The configuration directory (default: the current directory).")
  Path dir;

  @Option(
      names = "--state",
      paramLabel = "PATH",
      description = "The state file (default: pool.state.json in the configuration directory).")
  Path state;

  Workspace open(CliContext ctx) {
    return Workspaces.open(ctx, Target.directory(ctx, dir), state);
  }
}
