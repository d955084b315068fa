package dev.poolform.provider.azure.rollout;

import com.azure.resourcemanager.compute.fluent.models.RollingUpgradeStatusInfoInner;
import com.azure.resourcemanager.compute.models.RollingUpgradeStatusCode;
import com.azure.resourcemanager.compute.models.UpgradeMode;
import com.azure.resourcemanager.compute.models.UpgradePolicy;
import com.azure.resourcemanager.compute.models.VirtualMachineScaleSetUpdate;
import dev.poolform.ir.IrCapacity;
import dev.poolform.ir.IrRollout;
import dev.poolform.provider.azure.connect.ScaleSetApi;
import dev.poolform.provider.azure.mapping.ScaleSetId;
import dev.poolform.runtime.provider.CloudRolloutStatus;
import dev.poolform.runtime.provider.CloudRolloutStatus.Phase;
import dev.poolform.runtime.provider.CloudRollouts;
import dev.poolform.runtime.provider.GroupRef;
import dev.poolform.runtime.provider.ProviderException;
import java.util.Optional;

/**
 * Azure rolling upgrades for {@code engine = "cloud"}: {@link #start} sets the upgrade policy to
 * Rolling with the mapped {@code rollingUpgradePolicy} and starts an OS rolling upgrade, which
 * replaces every instance not on the latest model in batches; {@link #status} reads {@code
 * rollingUpgrades/latest}; {@link #cancel} cancels it. The rollout id is the upgrade's start time
 * (ARM gives rolling upgrades no id of their own).
 */
public final class AzureRollingUpgrades implements CloudRollouts {
  /** How a pool's group reference becomes its scale set id; the session owns that rule. */
  @FunctionalInterface
  public interface ScaleSetLookup {
    ScaleSetId idOf(GroupRef ref) throws ProviderException;
  }

  private final ScaleSetLookup session;
  private final ScaleSetApi api;

  public AzureRollingUpgrades(ScaleSetLookup session, ScaleSetApi api) {
    this.session = session;
    this.api = api;
  }

  @Override
  public String start(GroupRef ref, IrRollout rollout, IrCapacity capacity)
      throws ProviderException {
    ScaleSetId id = session.idOf(ref);
    api.patch(
        id,
        new VirtualMachineScaleSetUpdate()
            .withUpgradePolicy(
                new UpgradePolicy()
                    .withMode(UpgradeMode.ROLLING)
                    .withRollingUpgradePolicy(RollingPolicy.from(rollout, capacity))),
        "set the rolling upgrade policy of");
    Optional<CloudRolloutStatus> running = status(ref);
    if (running.isEmpty() || running.get().done()) {
      api.startRollingUpgrade(id);
      running = status(ref);
    }
    return running.map(CloudRolloutStatus::id).orElse("");
  }

  @Override
  public Optional<CloudRolloutStatus> status(GroupRef ref) throws ProviderException {
    return api.latestRollingUpgrade(session.idOf(ref)).map(AzureRollingUpgrades::status);
  }

  public static CloudRolloutStatus status(RollingUpgradeStatusInfoInner info) {
    var running = info.runningStatus();
    RollingUpgradeStatusCode code = running == null ? null : running.code();
    Phase phase;
    if (RollingUpgradeStatusCode.COMPLETED.equals(code)) phase = Phase.SUCCEEDED;
    else if (RollingUpgradeStatusCode.CANCELLED.equals(code)) phase = Phase.CANCELLED;
    else if (RollingUpgradeStatusCode.FAULTED.equals(code)) phase = Phase.FAILED;
    else if (RollingUpgradeStatusCode.ROLLING_FORWARD.equals(code)) phase = Phase.IN_PROGRESS;
    else phase = Phase.PENDING;
    int percent = 0;
    var p = info.progress();
    if (p != null) {
      int ok = nz(p.successfulInstanceCount());
      int total =
          ok
              + nz(p.failedInstanceCount())
              + nz(p.inProgressInstanceCount())
              + nz(p.pendingInstanceCount());
      percent = total == 0 ? (phase == Phase.SUCCEEDED ? 100 : 0) : (int) (100L * ok / total);
    }
    if (phase == Phase.SUCCEEDED) percent = 100;
    String id =
        running == null || running.startTime() == null ? "" : running.startTime().toString();
    String message = info.error() == null ? String.valueOf(code) : info.error().getMessage();
    return new CloudRolloutStatus(id, phase, percent, message);
  }

  private static int nz(Integer i) {
    return i == null ? 0 : i;
  }

  @Override
  public void cancel(GroupRef ref) throws ProviderException {
    api.cancelRollingUpgrade(session.idOf(ref));
  }
}
