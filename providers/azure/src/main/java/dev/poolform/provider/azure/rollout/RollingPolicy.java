package dev.poolform.provider.azure.rollout;

import com.azure.resourcemanager.compute.models.RollingUpgradePolicy;
import dev.poolform.ir.IntOrPercent;
import dev.poolform.ir.IrRollout;
import dev.poolform.stdlib.schema.RolloutMapping;

/**
 * The portable rollout as an Azure {@link RollingUpgradePolicy}, using the same mapping the
 * compiler reports approximations with (W0502/E0407), so what the user was told is what is sent:
 *
 * <pre>
 * max_surge > 0        maxSurge true, maxBatchInstancePercent = max_surge % of desired (5..100)
 * max_surge = 0        maxSurge false, maxBatchInstancePercent = max_unavailable % (5..100)
 * pause                pauseTimeBetweenBatches, ISO 8601, whole seconds
 * auto_rollback        rollbackFailedInstancesOnPolicyBreach
 * (always)             prioritizeUnhealthyInstances true;
 *                      maxUnhealthy(Upgraded)InstancePercent = max(20, batch), Azure's default
 *                      unless a batch is larger
 * </pre>
 */
public final class RollingPolicy {
  private RollingPolicy() {}

  public static RollingUpgradePolicy from(IrRollout rollout, long desired) {
    RolloutMapping.Request request =
        new RolloutMapping.Request(
            amount(rollout.maxSurge()),
            amount(rollout.maxUnavailable()),
            rollout.minReady().toMillis(),
            rollout.pause().toMillis(),
            rollout.deleteOrder().text(),
            rollout.autoRollback(),
            Math.max(1, desired),
            false);
    RolloutMapping.AzureRolling az = RolloutMapping.map("azure", request).azure();
    int batch = Math.max(5, Math.min(100, az.maxBatchInstancePercent()));
    int unhealthy = Math.max(20, batch);
    return new RollingUpgradePolicy()
        .withMaxBatchInstancePercent(batch)
        .withMaxUnhealthyInstancePercent(unhealthy)
        .withMaxUnhealthyUpgradedInstancePercent(unhealthy)
        .withPauseTimeBetweenBatches("PT" + az.pauseTimeBetweenBatchesSeconds() + "S")
        .withMaxSurge(az.maxSurge())
        .withPrioritizeUnhealthyInstances(true)
        .withRollbackFailedInstancesOnPolicyBreach(az.rollbackFailedInstancesOnPolicyBreach());
  }

  private static RolloutMapping.Amount amount(IntOrPercent v) {
    return v.percent()
        ? RolloutMapping.Amount.percentOf(v.value())
        : RolloutMapping.Amount.count((long) v.value());
  }
}
