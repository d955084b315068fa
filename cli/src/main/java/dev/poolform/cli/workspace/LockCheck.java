package dev.poolform.cli.workspace;

import dev.poolform.cli.CliContext;
import dev.poolform.cli.ExitCode;
import dev.poolform.runtime.Workspace;
import dev.poolform.runtime.state.LockInfo;
import dev.poolform.runtime.state.StateException;
import dev.poolform.runtime.state.StateLock;
import java.util.Optional;

/**
 * Apply and destroy look at the lock before they plan, so a second apply fails at once instead of
 * refreshing every cloud first. (The lock itself is still taken, atomically, by the runtime; this
 * only makes the common case fast and clear.)
 */
public final class LockCheck {
  private LockCheck() {}

  public static void failIfLocked(CliContext ctx, Workspace ws) throws StateException {
    Optional<LockInfo> held = ws.lockInfo();
    if (held.isEmpty()) return;
    ctx.err().println("error: " + StateLock.heldBy(held.get()));
    throw new CommandFailed(ExitCode.USAGE);
  }
}
