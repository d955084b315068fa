package dev.poolform.cli;

/**
 * A problem with how Poolform was invoked or with its environment (a missing path, an unreadable
 * file, an unknown code): printed as one {@code error: ...} line, exit status 2, no stack trace.
 * Problems in the configuration itself are diagnostics, not this.
 */
public final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message, null, false, false);
  }

  public UsageException(String message, Throwable cause) {
    super(message, cause, false, false);
  }
}
