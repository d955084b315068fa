package dev.poolform.cli.workspace;

import dev.poolform.compiler.diag.Diagnostic;
import java.util.List;

/**
 * Ends a runtime command with an exit status after its message was printed. Thrown from helpers so
 * commands stay straight-line; {@link RuntimeCommand#run} turns it into the status, and prints the
 * errors it carries as JSON when the command was asked for JSON ({@link JsonErrors}).
 */
public final class CommandFailed extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final transient List<Diagnostic> diagnostics;
  private final transient List<String> unplaced;

  public CommandFailed(int status) {
    this(status, List.of(), List.of());
  }

  /**
   * Ended by {@code diagnostics} (and {@code unplaced} errors about no place in the configuration),
   * already printed as text.
   */
  public CommandFailed(int status, List<Diagnostic> diagnostics, List<String> unplaced) {
    super(null, null, false, false);
    this.status = status;
    this.diagnostics = List.copyOf(diagnostics);
    this.unplaced = List.copyOf(unplaced);
  }

  public int status() {
    return status;
  }

  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  public List<String> unplaced() {
    return unplaced;
  }
}
