package dev.poolform.runtime.provider;

import java.time.Instant;
import java.util.Optional;

/**
 * One machine of a group.
 *
 * @param id the cloud's id (instance id, VM instance id)
 * @param zone its zone, if any
 * @param specHash the spec hash it was launched with; empty when unknown (then it counts as old)
 * @param state its lifecycle state
 * @param launchedAt when it was launched (delete_order uses it)
 * @param healthySince when it became healthy; a machine is available once {@code min_ready} has
 *     passed since then
 * @param unhealthySince when it turned UNHEALTHY or FAILED, if the cloud says (a Cluster API
 *     MachineHealthCheck's condition transition time); a health block's {@code grace} counts from
 *     it. Empty when the cloud does not report it: grace then counts from the last time the machine
 *     was known healthy, else from its launch, which errs towards replacing late, never early
 */
public record ObservedMachine(
    String id,
    Optional<String> zone,
    Optional<String> specHash,
    MachineState state,
    Instant launchedAt,
    Optional<Instant> healthySince,
    Optional<Instant> unhealthySince) {

  /** A machine of a cloud that does not report when it turned unhealthy. */
  public ObservedMachine(
      String id,
      Optional<String> zone,
      Optional<String> specHash,
      MachineState state,
      Instant launchedAt,
      Optional<Instant> healthySince) {
    this(id, zone, specHash, state, launchedAt, healthySince, Optional.empty());
  }

  /** When a health block's grace period for this machine started, if it is unhealthy or failed. */
  public Instant unhealthyClockStart() {
    return unhealthySince.or(() -> healthySince).orElse(launchedAt);
  }

  public enum MachineState {
    /** Requested, not running yet. */
    PENDING,
    /** Running, health not yet known (booting). */
    RUNNING,
    HEALTHY,
    UNHEALTHY,
    /** Failed to boot or stopped by the cloud; will not become healthy. */
    FAILED,
    TERMINATING
  }

  /** Healthy and warmed up for {@code minReady} at {@code now}. */
  public boolean availableAt(Instant now, java.time.Duration minReady) {
    return state == MachineState.HEALTHY
        && healthySince.map(h -> !h.plus(minReady).isAfter(now)).orElse(false);
  }
}
