package dev.poolform.runtime.engine;

import dev.poolform.runtime.plan.Action;
import java.util.Optional;

/**
 * How one pool's change ended.
 *
 * @param detail a sentence for the summary ("rolled out 4 machines", "skipped: pool.canary failed")
 * @param problem why it failed, with the cloud's attribute path when known
 */
public record PoolResult(
    String address, Action action, Status status, String detail, Optional<Problem> problem) {
  public enum Status {
    OK,
    FAILED,
    /** Not started, because a pool it comes {@code after} failed or was skipped. */
    SKIPPED,
    /**
     * Stopped at the end of its current step, or never started, because the apply was interrupted.
     */
    INTERRUPTED
  }

  public static PoolResult ok(String address, Action action, String detail) {
    return new PoolResult(address, action, Status.OK, detail, Optional.empty());
  }

  public static PoolResult failed(String address, Action action, Problem p) {
    return new PoolResult(address, action, Status.FAILED, p.message(), Optional.of(p));
  }

  public static PoolResult interrupted(String address, Action action, String what) {
    return new PoolResult(address, action, Status.INTERRUPTED, what, Optional.empty());
  }

  public static PoolResult skipped(String address, Action action, String why) {
    return new PoolResult(address, action, Status.SKIPPED, why, Optional.empty());
  }
}
