package dev.poolform.cli.workspace;

import dev.poolform.cli.CliContext;
import dev.poolform.cli.ExitCode;
import dev.poolform.cli.UsageException;
import dev.poolform.runtime.state.StateException;
import java.util.List;

/** Runs a runtime command's body, mapping the runtime's refusals to messages and exit codes. */
public final class RuntimeCommand {
  private RuntimeCommand() {}

  /** A command body that may throw the runtime's checked exceptions. */
  public interface Body {
    int run() throws Exception;
  }

  public static int run(CliContext ctx, Body body) throws Exception {
    return run(ctx, JsonErrors.NONE, body);
  }

  /**
   * Runs a command asked for JSON output: the errors that end it before its JSON also go to
   * standard output as JSON ({@link JsonErrors}), besides the text on standard error.
   */
  public static int run(CliContext ctx, JsonErrors json, Body body) throws Exception {
    try {
      return body.run();
    } catch (CommandFailed f) {
      if (!f.diagnostics().isEmpty() || !f.unplaced().isEmpty())
        json.print(ctx, f.diagnostics(), f.unplaced());
      return f.status();
    } catch (StateException e) {
      ctx.err().println("error: " + e.getMessage());
      json.print(ctx, List.of(), List.of(e.getMessage()));
      return statusOf(e);
    } catch (UsageException e) {
      json.print(ctx, List.of(), List.of(e.getMessage()));
      throw e; // its text and exit status come from the usual handler
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
