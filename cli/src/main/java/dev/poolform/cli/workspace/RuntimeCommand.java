package dev.poolform.cli.workspace;

import dev.poolform.cli.CliContext;
import dev.poolform.cli.ExitCode;
import dev.poolform.runtime.state.StateException;

/** Runs a runtime command's body, mapping the runtime's refusals to messages and exit codes. */
public final class RuntimeCommand {
  private RuntimeCommand() {}

  /** A command body that may throw the runtime's checked exceptions. */
  public interface Body {
    int run() throws Exception;
  }

  public static int run(CliContext ctx, Body body) throws Exception {
    try {
      return body.run();
    } catch (CommandFailed f) {
      return f.status();
    } catch (StateException e) {
      ctx.err().println("error: " + e.getMessage());
      return statusOf(e);
    }
  }

  /**
   * A held lock, an I/O failure or a missing state key is an environment problem (2); a state that
   * cannot be used is an error (1).
   */
  public static int statusOf(StateException e) {
    return switch (e.kind()) {
      case LOCKED, IO, KEY -> ExitCode.USAGE;
      default -> ExitCode.CONFIG_ERROR;
    };
  }
}
