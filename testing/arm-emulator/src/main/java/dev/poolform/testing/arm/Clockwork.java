package dev.poolform.testing.arm;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Time passing in the emulator, every 20 ms: operations end, instances finish booting ({@link
 * ArmEmulator#bootMillis}) or deleting ({@link ArmEmulator#deleteMillis}), and rolling upgrades
 * advance batch by batch: a batch's new instances must be up before its old ones go (surge) or
 * after they went (no surge), then the policy's pause, until no instance runs an old model.
 */
final class Clockwork {
  private static final System.Logger LOG = System.getLogger(Clockwork.class.getName());
  private final ArmEmulator arm;
  private final Operations operations;

  Clockwork(ArmEmulator arm, Operations operations) {
    this.arm = arm;
    this.operations = operations;
  }

  /** One step; runs on the emulator's ticker thread, under its lock. */
  void tick() {
    synchronized (arm) {
      try {
        long now = System.currentTimeMillis();
        operations.tick(now);
        for (EmulatedScaleSet s : new ArrayList<>(arm.scaleSets.values())) {
          for (Iterator<EmulatedVm> it = s.vms.values().iterator(); it.hasNext(); ) {
            EmulatedVm vm = it.next();
            if (vm.deleting() && now - vm.stateSince >= arm.deleteMillis) it.remove();
            else if ((vm.provisioningState.equals("Creating")
                    || vm.provisioningState.equals("Updating"))
                && now - vm.stateSince >= arm.bootMillis) vm.enter("Succeeded", now);
          }
          roll(s, now);
        }
      } catch (RuntimeException e) {
        // A bug in the emulator must not stop its clock: say so and keep ticking.
        LOG.log(System.Logger.Level.ERROR, "ARM emulator tick failed", e);
      }
    }
  }

  private void roll(EmulatedScaleSet s, long now) {
    RollingUpgrade ru = s.rollingUpgrade;
    if (ru == null || !ru.active()) return;
    if (!ru.batchOld.isEmpty() || !ru.batchNew.isEmpty()) {
      if (!batchDone(s, ru, now)) return;
      if (ru.maxSurge)
        for (String id : ru.batchOld) {
          EmulatedVm vm = s.vms.get(id);
          if (vm != null && !vm.deleting()) vm.enter("Deleting", now);
        }
      ru.successful += ru.batchNew.size();
      ru.upgraded.addAll(ru.batchNew);
      ru.batchOld.clear();
      ru.batchNew.clear();
      ru.pauseUntil = now + ru.pauseMillis;
      return;
    }
    if (now < ru.pauseUntil) return;
    List<EmulatedVm> active = s.activeVms();
    List<EmulatedVm> old = new ArrayList<>();
    for (EmulatedVm vm : active) if (vm.modelVersion != s.modelVersion) old.add(vm);
    if (old.isEmpty()) {
      ru.status = "Completed";
      ru.endedAt = now;
      return;
    }
    int batch = (int) Math.max(1, Math.floor(active.size() * ru.batchPercent / 100.0));
    for (EmulatedVm vm : old.subList(0, Math.min(batch, old.size()))) {
      ru.batchOld.add(vm.instanceId);
      if (!ru.maxSurge) vm.enter("Deleting", now);
      ru.batchNew.add(s.addVm(now).instanceId);
    }
  }

  /**
   * Whether the current batch is done: its new instances are up and report healthy. An instance
   * still Initializing is waited for; one Unhealthy or Unknown pauses the upgrade, and when more of
   * the upgraded instances are so than {@code maxUnhealthyUpgradedInstancePercent} allows, the
   * upgrade faults with ARM's {@code MaxUnhealthyUpgradedInstancePercentExceededInRollingUpgrade}
   * (Azure/azure-powershell#11896). The upgraded instances are those of every batch so far, not
   * only the current one: "The maximum percentage of upgraded virtual machine instances that can be
   * found to be in an unhealthy state. This check will happen after each batch is upgraded. If this
   * percentage is ever exceeded, the rolling update aborts." (ComputeRP.json,
   * RollingUpgradePolicy.maxUnhealthyUpgradedInstancePercent). An instance of an earlier batch that
   * turned unhealthy since counts as well.
   */
  private boolean batchDone(EmulatedScaleSet s, RollingUpgrade ru, long now) {
    boolean done = true;
    int unhealthy = 0;
    for (String id : ru.batchNew) {
      EmulatedVm vm = s.vms.get(id);
      if (vm == null) continue;
      if (!vm.provisioningState.equals("Succeeded")) {
        done = false;
        continue;
      }
      String health = AppHealth.state(vm, arm.application, now);
      if (health == null || health.equals("healthy")) continue;
      done = false;
      if (!health.equals("initializing")) unhealthy++;
    }
    for (String id : ru.upgraded) {
      EmulatedVm vm = s.vms.get(id);
      if (vm == null || vm.deleting() || !vm.provisioningState.equals("Succeeded")) continue;
      String health = AppHealth.state(vm, arm.application, now);
      if (health != null && !health.equals("healthy") && !health.equals("initializing"))
        unhealthy++;
    }
    int limit =
        s.body
            .path("properties")
            .path("upgradePolicy")
            .path("rollingUpgradePolicy")
            .path("maxUnhealthyUpgradedInstancePercent")
            .asInt(20);
    int active = Math.max(1, s.activeVms().size());
    if (unhealthy > 0 && unhealthy * 100 > limit * active) {
      ru.status = "Faulted";
      ru.failed += unhealthy;
      ru.endedAt = now;
      ru.failure =
          new ArmError(
              409,
              "MaxUnhealthyUpgradedInstancePercentExceededInRollingUpgrade",
              null,
              "Rolling Upgrade failed after exceeding the MaxUnhealthyUpgradedInstancePercent value defined in the RollingUpgradePolicy. "
                  + (unhealthy * 100 / active)
                  + "% of instances are in an unhealthy state after being upgraded - more than the threshold of "
                  + limit
                  + "%.");
    }
    return done;
  }
}
