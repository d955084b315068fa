package dev.poolform.testing.arm;

import java.util.ArrayList;
import java.util.List;

/**
 * A rolling upgrade, as {@code rollingUpgrades/latest} reports it: batches of {@code
 * maxBatchInstancePercent} of the instances on an old model are replaced by new ones (new first
 * when {@code maxSurge}, else old first), pausing {@code pauseTimeBetweenBatches} between batches,
 * until none is left. A batch ends when its new instances report healthy ({@link AppHealth}); too
 * many unhealthy upgraded instances fault the upgrade.
 */
final class RollingUpgrade {
  final String id;
  final long startedAt;
  final int batchPercent;
  final boolean maxSurge;
  final long pauseMillis;

  /** RollingForward, Completed, Cancelled or Faulted (RollingUpgradeStatusCode). */
  String status = "RollingForward";

  long endedAt;
  int successful;
  int failed;
  long pauseUntil;

  /** Why a Faulted upgrade stopped; the error of the write that started it. */
  ArmError failure;

  /** The current batch: the old instances it retires and the new ones replacing them. */
  final List<String> batchOld = new ArrayList<>();

  final List<String> batchNew = new ArrayList<>();

  /** The new instances of the batches already done: still "upgraded instances" to ARM's check. */
  final List<String> upgraded = new ArrayList<>();

  RollingUpgrade(String id, long startedAt, int batchPercent, boolean maxSurge, long pauseMillis) {
    this.id = id;
    this.startedAt = startedAt;
    this.batchPercent = batchPercent;
    this.maxSurge = maxSurge;
    this.pauseMillis = pauseMillis;
  }

  boolean active() {
    return "RollingForward".equals(status);
  }
}
