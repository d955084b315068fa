package dev.poolform.runtime.git;

/** The state file cannot be checked or committed; the message is for the user, as is. */
public final class GitStateException extends Exception {
  public GitStateException(String message, Throwable cause) {
    super(message, cause);
  }

  public GitStateException(String message) {
    super(message);
  }
}
