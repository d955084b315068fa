package dev.poolform.cli.workspace;

import dev.poolform.cli.CliContext;
import dev.poolform.cli.ExitCode;
import dev.poolform.runtime.Workspace;
import dev.poolform.runtime.state.LockInfo;
import dev.poolform.runtime.state.StateException;
import dev.poolform.runtime.state.StateLock;
import java.time.Duration;
import java.util.Optional;

/**
 * Apply and destroy look at the lock before they plan, so a second apply fails at once instead of
 * refreshing every cloud first. (The lock itself is still taken, atomically, by the runtime; this
 * only makes the common case fast and clear.)
 */
public final class LockCheck {
  private LockCheck() {}

  /**
   * Waits until nobody holds the lock, polling twice a second, for at most {@code timeout}; then
   * fails as {@link #failIfLocked} does. The runtime takes the lock atomically afterwards, waiting
   * for what is left of {@code timeout} ({@link Workspace#waitForLock}): when another waiting
   * process takes it first, this one waits on rather than failing.
   */
  public static void awaitUnlocked(CliContext ctx, Workspace ws, Duration timeout)
      throws StateException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      awaitUnlocked(ctx, ws, timeout, deadline);
    } finally {
      ws.waitForLock(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }
  }

  private static void awaitUnlocked(CliContext ctx, Workspace ws, Duration timeout, long deadline)
      throws StateException, InterruptedException {
    boolean said = false;
    while (ws.lockInfo().isPresent() && System.nanoTime() < deadline) {
      if (!said) {
        ctx.err()
            .println(
                "Waiting up to "
                    + dev.poolform.stdlib.value.Literals.formatDuration(timeout.toMillis())
                    + " for the state lock...");
        ctx.err().flush();
        said = true;
      }
      Thread.sleep(Math.min(500, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
    }
    failIfLocked(ctx, ws);
  }

  public static void failIfLocked(CliContext ctx, Workspace ws) throws StateException {
    Optional<LockInfo> held = ws.lockInfo();
    if (held.isEmpty()) return;
    ctx.err().println("error: " + StateLock.heldBy(held.get()));
    throw new CommandFailed(ExitCode.USAGE);
  }
}
