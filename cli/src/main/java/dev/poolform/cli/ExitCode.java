package dev.poolform.cli;

/**
 * Exit statuses of every {@code pool} command (docs/cli.md#conventions); scripts depend on them.
 */
public final class ExitCode {
  private ExitCode() {}

  /** Success; warnings allowed. */
  public static final int OK = 0;

  /**
   * The configuration has errors (or, for {@code fmt --check}, files need formatting; for plan and
   * apply, the runtime engineers document their own meaning of 1).
   */
  public static final int CONFIG_ERROR = 1;

  /** Usage or environment error: bad flags, a missing or unreadable path, an internal error. */
  public static final int USAGE = 2;

  /**
   * An apply or destroy stopped by Ctrl-C or SIGTERM (128 + SIGINT, as shells report it): what was
   * started is owed in state and the next apply finishes it.
   */
  public static final int INTERRUPTED = 130;
}
