package dev.poolform.cli.workspace;

/**
 * Ends a runtime command with an exit status after its message was printed. Thrown from helpers so
 * commands stay straight-line; {@link RuntimeCommand#run} turns it into the status.
 */
public final class CommandFailed extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;

  public CommandFailed(int status) {
    super(null, null, false, false);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
