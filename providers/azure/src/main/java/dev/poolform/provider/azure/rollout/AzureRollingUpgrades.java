package dev.poolform.provider.azure.rollout;

import com.azure.resourcemanager.compute.fluent.models.RollingUpgradeStatusInfoInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineScaleSetInner;
import com.azure.resourcemanager.compute.models.OrchestrationMode;
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
import dev.poolform.runtime.provider.ProviderException.Kind;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Azure rolling upgrades for {@code engine = "cloud"}, the way ARM rolls a model: the engine has
 * already written the new model (with the upgrade policy Manual, so nothing moved yet); {@link
 * #start} then PATCHes the upgrade policy to Rolling with the mapped {@code rollingUpgradePolicy}.
 * That write makes the scale set check its machines against the latest model and roll those behind
 * it ("trigger a generic model update. This tells the scale set to check if all the instances are
 * up to date with the latest model",
 * https://learn.microsoft.com/azure/virtual-machine-scale-sets/virtual-machine-scale-sets-configure-rolling-upgrades#restart-a-rolling-upgrade),
 * for every kind of model change: size, user data, disk, image, custom image. The write's operation
 * lasts as long as the upgrade, so it is not waited for; {@link #status} reads {@code
 * rollingUpgrades/latest}; {@link #cancel} cancels it.
 *
 * <p>{@code osRollingUpgrade} is not used: it only moves machines to the latest version of their
 * platform image and is refused for custom images (Azure/azure-cli#6640).
 *
 * <p>The rollout id is the upgrade's start time (ARM gives rolling upgrades no id of their own).
 * When no machine is behind the model (nothing to roll, e.g. no machines), ARM starts no upgrade
 * and the rollout is done at once.
 */
public final class AzureRollingUpgrades implements CloudRollouts {
  /** How a pool's group reference becomes its scale set id; the session owns that rule. */
  @FunctionalInterface
  public interface ScaleSetLookup {
    ScaleSetId idOf(GroupRef ref) throws ProviderException;
  }

  /** How many of a pool's machines run an older model than the scale set's (the session knows). */
  @FunctionalInterface
  public interface MachinesBehind {
    long count(GroupRef ref) throws ProviderException;
  }

  /** How often, and how long apart, {@link #start} looks for the upgrade its write started. */
  static final int LOOKS = 10;

  static final long LOOK_PAUSE_MILLIS = 500;

  private final ScaleSetLookup session;
  private final MachinesBehind behind;
  private final ScaleSetApi api;

  /** Rollouts that found nothing to roll, by address: their id. */
  private final Map<String, String> upToDate = new ConcurrentHashMap<>();

  public AzureRollingUpgrades(ScaleSetLookup session, MachinesBehind behind, ScaleSetApi api) {
    this.session = session;
    this.behind = behind;
    this.api = api;
  }

  @Override
  public String start(GroupRef ref, IrRollout rollout, IrCapacity capacity)
      throws ProviderException {
    upToDate.remove(ref.address());
    ScaleSetId id = session.idOf(ref);
    VirtualMachineScaleSetInner scaleSet =
        api.get(id)
            .orElseThrow(
                () ->
                    new ProviderException(
                        Kind.NOT_FOUND, "scale set " + id.name() + " does not exist"));
    Optional<RollingUpgradeStatusInfoInner> before = api.latestRollingUpgrade(id);
    if (before.isPresent() && status(before.get()).phase() == Phase.IN_PROGRESS) {
      // Already rolling (an earlier start whose id was not recorded): it rolls the same model.
      return status(before.get()).id();
    }
    boolean flexible = OrchestrationMode.FLEXIBLE.equals(scaleSet.orchestrationMode());
    api.patchWithoutWaiting(
        id,
        new VirtualMachineScaleSetUpdate()
            .withUpgradePolicy(
                new UpgradePolicy()
                    .withMode(UpgradeMode.ROLLING)
                    .withRollingUpgradePolicy(RollingPolicy.from(rollout, capacity, flexible))),
        "roll the machines of");
    String previous = before.map(b -> status(b).id()).orElse("");
    for (int look = 0; look < LOOKS; look++) {
      Optional<RollingUpgradeStatusInfoInner> now = api.latestRollingUpgrade(id);
      if (now.isPresent() && !Objects.equals(status(now.get()).id(), previous))
        return status(now.get()).id();
      long old = behind.count(ref);
      if (old == 0) {
        String done = "up-to-date@" + Instant.now();
        upToDate.put(ref.address(), done);
        return done;
      }
      sleep();
    }
    throw new ProviderException(
        Kind.OTHER,
        null,
        "rollout.engine",
        "scale set "
            + id.name()
            + " was set to roll its machines, but ARM started no rolling upgrade although some run an older model.",
        null);
  }

  private static void sleep() throws ProviderException {
    try {
      Thread.sleep(LOOK_PAUSE_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderException(Kind.TRANSIENT, "interrupted while starting a rolling upgrade");
    }
  }

  @Override
  public Optional<CloudRolloutStatus> status(GroupRef ref) throws ProviderException {
    String done = upToDate.get(ref.address());
    if (done != null)
      return Optional.of(
          new CloudRolloutStatus(done, Phase.SUCCEEDED, 100, "no machine ran an older model"));
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
    if (info.progress() != null) {
      UpgradeProgress p = UpgradeProgress.of(info.progress());
      int total = p.total();
      percent =
          total == 0 ? (phase == Phase.SUCCEEDED ? 100 : 0) : (int) (100L * p.successful() / total);
    }
    if (phase == Phase.SUCCEEDED) percent = 100;
    String id =
        running == null || running.startTime() == null ? "" : running.startTime().toString();
    String message = info.error() == null ? String.valueOf(code) : info.error().getMessage();
    return new CloudRolloutStatus(id, phase, percent, message);
  }

  @Override
  public void cancel(GroupRef ref) throws ProviderException {
    api.cancelRollingUpgrade(session.idOf(ref));
  }
}
