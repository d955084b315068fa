package dev.poolform.provider.azure.rollout;

import com.azure.resourcemanager.compute.models.RollingUpgradeProgressInfo;

/**
 * A rolling upgrade's instance counts ({@code RollingUpgradeProgressInfo}), each absent count as
 * zero: ARM leaves out the ones it has nothing to report for.
 */
record UpgradeProgress(int successful, int failed, int inProgress, int pending) {
  static UpgradeProgress of(RollingUpgradeProgressInfo p) {
    return new UpgradeProgress(
        orZero(p.successfulInstanceCount()),
        orZero(p.failedInstanceCount()),
        orZero(p.inProgressInstanceCount()),
        orZero(p.pendingInstanceCount()));
  }

  int total() {
    return successful + failed + inProgress + pending;
  }

  private static int orZero(Integer i) {
    return i == null ? 0 : i;
  }
}
