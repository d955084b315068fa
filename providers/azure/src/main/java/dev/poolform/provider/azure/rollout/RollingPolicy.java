package dev.poolform.provider.azure.rollout;

import com.azure.resourcemanager.compute.models.RollingUpgradePolicy;
import dev.poolform.ir.IrCapacity;
import dev.poolform.ir.IrRollout;
import dev.poolform.ir.rollout.RolloutMapping;

/**
 * The portable rollout as an Azure {@link RollingUpgradePolicy}, using the same mapping the
 * compiler reports approximations with (W0502/E0407), so what the user was told is what is sent:
 *
 * <pre>
 * max_surge > 0        maxSurge true, maxBatchInstancePercent = max_surge % (5..100)
 * max_surge = 0        maxSurge false, maxBatchInstancePercent = max_unavailable % (5..100)
 * pause                pauseTimeBetweenBatches, ISO 8601, whole seconds
 * auto_rollback        rollbackFailedInstancesOnPolicyBreach, Uniform only (documented so;
 *                      the compiler refuses it for Flexible, E0407)
 * (always)             prioritizeUnhealthyInstances true;
 *                      maxUnhealthy(Upgraded)InstancePercent = max(20, batch), Azure's default
 *                      unless a batch is larger
 * </pre>
 */
public final class RollingPolicy {
  private RollingPolicy() {}

  /**
   * The policy for a pool's rollout and capacity: counts convert against the configured desired
   * count, or {@code min} under {@code desired = external}, as the compiler's W0502 told the user.
   */
  public static RollingUpgradePolicy from(
      IrRollout rollout, IrCapacity capacity, boolean flexible) {
    RolloutMapping.AzureRolling az = RolloutMapping.map("azure", rollout, capacity).azure();
    int batch = az.maxBatchInstancePercent();
    int unhealthy = Math.max(20, batch);
    return new RollingUpgradePolicy()
        .withMaxBatchInstancePercent(batch)
        .withMaxUnhealthyInstancePercent(unhealthy)
        .withMaxUnhealthyUpgradedInstancePercent(unhealthy)
        .withPauseTimeBetweenBatches("PT" + az.pauseTimeBetweenBatchesSeconds() + "S")
        .withMaxSurge(az.maxSurge())
        .withPrioritizeUnhealthyInstances(true)
        .withRollbackFailedInstancesOnPolicyBreach(
            RolloutMapping.azureRollsBack(rollout, flexible));
  }
}
