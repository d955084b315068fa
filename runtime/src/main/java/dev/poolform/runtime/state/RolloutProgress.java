package dev.poolform.runtime.state;

import java.time.Instant;
import java.util.Optional;

/**
 * A rollout in flight. Present in state from the moment the engine decides to roll until every
 * machine runs the new spec; an apply that finds it continues the rollout (which machines are new
 * or old is read from the machines' spec hashes, not from here).
 *
 * @param fromHash the machine spec hash being replaced
 * @param toHash the machine spec hash being rolled out
 * @param startedAt when the rollout began
 * @param engine {@code poolform} or {@code cloud}
 * @param cloudRolloutId the cloud's id for a cloud-run rollout
 * @param failedLaunches new machines that failed so far
 * @param rollingBack true once an automatic rollback has started ({@code toHash} is then the old
 *     spec)
 * @param rebalancingSuspended true while the cloud's own rebalancing is suspended for Poolform's
 *     engine (written before the suspending call): whichever apply ends the rollout resumes it
 */
public record RolloutProgress(
    String fromHash,
    String toHash,
    Instant startedAt,
    String engine,
    Optional<String> cloudRolloutId,
    int failedLaunches,
    boolean rollingBack,
    boolean rebalancingSuspended) {

  /** A rollout that has not suspended anything. */
  public RolloutProgress(
      String fromHash,
      String toHash,
      Instant startedAt,
      String engine,
      Optional<String> cloudRolloutId,
      int failedLaunches,
      boolean rollingBack) {
    this(fromHash, toHash, startedAt, engine, cloudRolloutId, failedLaunches, rollingBack, false);
  }

  public RolloutProgress withFailedLaunches(int n) {
    return new RolloutProgress(
        fromHash, toHash, startedAt, engine, cloudRolloutId, n, rollingBack, rebalancingSuspended);
  }

  public RolloutProgress withCloudRolloutId(String id) {
    return new RolloutProgress(
        fromHash,
        toHash,
        startedAt,
        engine,
        Optional.of(id),
        failedLaunches,
        rollingBack,
        rebalancingSuspended);
  }

  public RolloutProgress withRebalancingSuspended(boolean suspended) {
    return new RolloutProgress(
        fromHash,
        toHash,
        startedAt,
        engine,
        cloudRolloutId,
        failedLaunches,
        rollingBack,
        suspended);
  }
}
