package dev.poolform.runtime.engine;

import java.time.Duration;

/**
 * How to apply.
 *
 * @param parallelism pools worked on at once ({@code --parallelism}, default 10)
 * @param pollInterval time between reads of a group's machines while waiting or rolling
 * @param waitForCapacity after a create, scale or replace, wait until the desired number of
 *     machines is available (bounded by {@code rollout.timeout}); rollouts always wait
 * @param maxFailedLaunches new machines that may fail to boot during one rollout or wait before the
 *     pool fails; 0 means {@code max(3, desired)}
 * @param interruption how the caller asks the apply to stop (Ctrl-C, SIGTERM); a fresh one per
 *     apply
 */
public record ApplyOptions(
    int parallelism,
    Duration pollInterval,
    boolean waitForCapacity,
    int maxFailedLaunches,
    Interruption interruption) {
  /**
   * The defaults, with an {@link Interruption} of their own: options are values, and one caller's
   * Ctrl-C must never reach another's apply (a shared constant once carried one for everyone).
   */
  public static ApplyOptions defaults() {
    return new ApplyOptions(10, Duration.ofSeconds(2), true, 0, new Interruption());
  }

  public ApplyOptions {
    if (parallelism < 1) throw new IllegalArgumentException("parallelism must be at least 1");
  }

  public ApplyOptions withParallelism(int n) {
    return new ApplyOptions(n, pollInterval, waitForCapacity, maxFailedLaunches, interruption);
  }

  public ApplyOptions withPollInterval(Duration d) {
    return new ApplyOptions(parallelism, d, waitForCapacity, maxFailedLaunches, interruption);
  }

  public ApplyOptions withWaitForCapacity(boolean w) {
    return new ApplyOptions(parallelism, pollInterval, w, maxFailedLaunches, interruption);
  }

  public ApplyOptions withInterruption(Interruption i) {
    return new ApplyOptions(parallelism, pollInterval, waitForCapacity, maxFailedLaunches, i);
  }

  public int failureBudget(long desired) {
    return maxFailedLaunches > 0 ? maxFailedLaunches : (int) Math.max(3, desired);
  }
}
