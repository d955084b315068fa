package dev.poolform.cli.commands.state;

import dev.poolform.cli.CliContext;
import dev.poolform.cli.UsageException;
import dev.poolform.cli.workspace.Target;
import dev.poolform.cli.workspace.Workspaces;
import dev.poolform.runtime.Workspace;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where the state is, for every {@code pool state} command: the configuration's own state (its
 * {@code PATH} argument, or {@code --dir}), or {@code --state}.
 */
public final class StateOptions {
  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description =
          "The configuration, like PATH: a .pool file or a directory (default: the current"
              + " directory).")
  Path dir;

  @Option(
      names = "--state",
      paramLabel = "PATH",
      description =
          "The state file (default: NAME.state.json beside NAME.pool, or pool.state.json in a"
              + " configuration directory).")
  Path state;

  /** The workspace of the configuration {@code path} (the command's PATH argument, or null). */
  Workspace open(CliContext ctx, Path path) {
    if (path != null && dir != null) {
      throw new UsageException("Give the configuration once: as PATH or with --dir, not both.");
    }
    var configuration = Target.configuration(ctx, path != null ? path : dir, state != null);
    return Workspaces.open(ctx, configuration, state);
  }
}
