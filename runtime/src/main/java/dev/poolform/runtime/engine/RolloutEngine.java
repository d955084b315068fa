package dev.poolform.runtime.engine;

import dev.poolform.ir.IrRollout;
import dev.poolform.runtime.provider.CapacityRequest;
import dev.poolform.runtime.provider.CloudSession;
import dev.poolform.runtime.provider.GroupRef;
import dev.poolform.runtime.provider.ProviderException;
import dev.poolform.runtime.state.StateException;
import java.time.Duration;
import java.time.Instant;

/**
 * Poolform's own rolling replacement ({@code engine = "poolform"}), written once against the SPI so
 * it means the same on every cloud. The caller has already pointed the group's model at the new
 * spec; this loop then, on every poll of {@code machines()}:
 *
 * <ol>
 *   <li>terminates new machines that FAILED (the group replaces them), up to a failure budget;
 *   <li>raises the group's desired size so that old + new = at most {@code desired + max_surge}
 *       (the cloud launches the new machines; desired is never lowered with setCapacity, which
 *       would let the cloud pick which machines to kill);
 *   <li>retires old machines with {@code terminate(..., decrementDesired=true)}: unavailable old
 *       ones first, then available ones by {@code delete_order}, only as many as keep {@code
 *       available >= desired - max_unavailable} after the termination;
 *   <li>with a {@code pause}, goes in batches of {@code max_surge + max_unavailable} machines and
 *       bakes for {@code pause} after each batch's new machines are available, before the next
 *       batch launches or retires anything;
 *   <li>finishes when no old machine is left and {@code desired} new ones are available (healthy
 *       for {@code min_ready}), trimming any surplus and restoring min/max/desired.
 * </ol>
 *
 * Which machines are new or old is read from each machine's spec hash, so an interrupted rollout
 * continues from whatever the cloud shows.
 */
public final class RolloutEngine {
  /** Persists the count of failed launches so a resumed rollout keeps its budget. */
  @FunctionalInterface
  public interface FailureSink {
    void failedLaunches(int total) throws StateException;
  }

  private final StepContext ctx;
  private final CloudSession session;

  public RolloutEngine(StepContext ctx, CloudSession session) {
    this.ctx = ctx;
    this.session = session;
  }

  /**
   * Rolls the group until every machine runs {@code toHash}.
   *
   * @param desired the size to roll at (the live desired size under {@code desired = external})
   * @param finalCapacity what to set when done (desired empty under external)
   * @param oldMinReady the {@code min_ready} the old machines were launched under (the smaller of
   *     it and the new one decides when an old machine counts as available)
   * @return a sentence for the summary
   */
  public String roll(
      GroupRef ref,
      IrRollout rollout,
      String toHash,
      long desired,
      CapacityRequest finalCapacity,
      int priorFailures,
      FailureSink sink,
      Duration oldMinReady)
      throws ProviderException, StepFailure, StateException {
    RollingReplacement run =
        new RollingReplacement(
            ctx,
            session,
            ref,
            rollout,
            toHash,
            desired,
            finalCapacity,
            priorFailures,
            sink,
            Durations.min(oldMinReady, rollout.minReady()));
    run.widenBounds();
    while (true) {
      Instant now = ctx.now();
      Census census = run.census(now);
      run.replaceFailed(census, now);
      RollingReplacement.Available available = run.progress(census, now);
      if (run.done(census, available)) {
        String summary = run.finish(census, now);
        if (summary != null) return summary;
      } else {
        run.checkDeadline(census, available, now);
        run.step(census, available, now);
      }
      ctx.pause(ctx.options().pollInterval());
    }
  }
}
