package dev.poolform.runtime.watch;

import dev.poolform.runtime.engine.ApplyOptions;
import dev.poolform.runtime.plan.Action;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * How {@code pool watch} runs.
 *
 * @param interval time between refreshes
 * @param apply whether to correct what {@code allow} covers
 * @param allow the plan actions the watch may carry out ({@code scale, repair} by default)
 * @param applyOptions the options of each apply it makes
 * @param alertAfter how long a pool may stay unhealthy, a rollout stand still or the lock stay held
 *     before the watch raises an alert event
 */
public record WatchOptions(
    Duration interval,
    boolean apply,
    Set<Action> allow,
    ApplyOptions applyOptions,
    Duration alertAfter) {
  public static final Set<Action> DEFAULT_ALLOW = EnumSet.of(Action.SCALE, Action.REPAIR);

  public WatchOptions {
    allow = allow.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(allow));
  }

  /** The longest wait after refreshes keep failing: 2^4 intervals, at most an hour. */
  public Duration backoff(int failures) {
    Duration d = interval.multipliedBy(1L << Math.min(failures, 4));
    return d.compareTo(Duration.ofHours(1)) > 0 ? Duration.ofHours(1) : d;
  }
}
