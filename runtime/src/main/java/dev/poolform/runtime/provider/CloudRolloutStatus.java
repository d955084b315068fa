package dev.poolform.runtime.provider;

/**
 * Progress of a cloud-run rollout.
 *
 * @param id the cloud's id for it
 * @param phase where it is
 * @param percentComplete 0..100
 * @param message the cloud's own words, for failures
 */
public record CloudRolloutStatus(String id, Phase phase, int percentComplete, String message) {
  public enum Phase {
    PENDING,
    IN_PROGRESS,
    SUCCEEDED,
    FAILED,
    CANCELLING,
    CANCELLED,
    ROLLED_BACK
  }

  public boolean done() {
    return phase == Phase.SUCCEEDED
        || phase == Phase.FAILED
        || phase == Phase.CANCELLED
        || phase == Phase.ROLLED_BACK;
  }
}
