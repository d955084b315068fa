package dev.poolform.cli.commands.options;

import dev.poolform.cli.CliContext;
import dev.poolform.cli.workspace.Target;
import dev.poolform.cli.workspace.Workspaces;
import dev.poolform.runtime.Workspace;
import dev.poolform.runtime.provider.CloudCalls;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --state PATH}: where the state file is, for the runtime commands that take a configuration
 * (plan, apply, destroy, show, import, force-unlock). The {@code pool state} commands word it for
 * their {@code --dir} and keep their own.
 */
public final class StateFileOption {
  @Option(
      names = "--state",
      paramLabel = "PATH",
      description =
          "The state file (default: NAME.state.json beside NAME.pool, or pool.state.json in a"
              + " configuration directory).")
  Path state;

  /** The workspace of {@code configuration}, with this state file if one was given. */
  public Workspace open(CliContext ctx, Path configuration) {
    return Workspaces.open(ctx, configuration, state);
  }

  /** The workspace of {@code configuration} if one was named, else of this state file alone. */
  public Workspace open(CliContext ctx, java.util.Optional<Path> configuration) {
    return Workspaces.open(ctx, configuration, state);
  }

  /** Whether {@code --state} was given. */
  public boolean given() {
    return state != null;
  }

  /** The workspace of a compiled configuration, with this state file if one was given. */
  public Workspace open(CliContext ctx, Target target) {
    return Workspaces.open(ctx, target, state);
  }

  /**
   * As {@link #open(CliContext, Target)}, the providers reporting their requests to {@code calls}.
   */
  public Workspace open(CliContext ctx, Target target, CloudCalls calls) {
    return Workspaces.open(ctx, target, state, calls);
  }
}
