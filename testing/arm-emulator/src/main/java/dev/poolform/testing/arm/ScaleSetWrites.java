package dev.poolform.testing.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * What writes do to scale sets: create or replace (PUT), JSON merge patch (PATCH), delete, and the
 * actions (delete instances, manual upgrade, OS rolling upgrade, cancel). A model change bumps the
 * model version that instances compare against, and on a Rolling scale set starts a rolling upgrade
 * as ARM does. Every write answers through {@link Operations}. Guarded by the emulator's lock.
 */
final class ScaleSetWrites {
  private final ArmEmulator arm;
  private final Operations operations;

  ScaleSetWrites(ArmEmulator arm, Operations operations) {
    this.arm = arm;
    this.operations = operations;
  }

  Reply put(String rg, String name, String id, EmulatedScaleSet existing, JsonNode body, long now) {
    if (!(body instanceof ObjectNode object))
      throw new ArmError(400, "InvalidRequestContent", null, "The request content was invalid.");
    ObjectNode copy = object.deepCopy();
    ScaleSetRules.stripReadOnly(copy);
    ScaleSetRules.validate(id, name, copy, existing, arm);
    if (existing == null) {
      EmulatedScaleSet s = new EmulatedScaleSet(arm, id, rg, name, copy, now);
      arm.scaleSets.put(id.toLowerCase(Locale.ROOT), s);
      s.reconcileCapacity(now);
      s.provisioningState = "Creating";
      return operations.started(201, s, "CreateOrUpdate", now, false);
    }
    busyCheck(existing);
    RollingUpgrade started = apply(existing, copy, now);
    return operations.started(200, existing, "CreateOrUpdate", now, false, started);
  }

  Reply patch(EmulatedScaleSet s, JsonNode patch, long now) {
    if (!patch.isObject())
      throw new ArmError(400, "InvalidRequestContent", null, "The request content was invalid.");
    busyCheck(s);
    ObjectNode merged = s.body.deepCopy();
    mergePatch(merged, patch);
    ScaleSetRules.stripReadOnly(merged);
    ScaleSetRules.validate(s.id, s.name, merged, s, arm);
    RollingUpgrade started = apply(s, merged, now);
    return operations.started(200, s, "Update", now, false, started);
  }

  Reply delete(EmulatedScaleSet s, long now) {
    busyCheck(s);
    s.provisioningState = "Deleting";
    for (EmulatedVm vm : s.vms.values()) if (!vm.deleting()) vm.enter("Deleting", now);
    if (s.rollingUpgrade != null && s.rollingUpgrade.active())
      s.rollingUpgrade.status = "Cancelled";
    return operations.started(202, s, "Delete", now, true);
  }

  /** POST {@code .../delete}: the listed instances go, and the capacity shrinks with them. */
  Reply deleteInstances(EmulatedScaleSet s, JsonNode body, long now) {
    List<String> ids = new ArrayList<>();
    body.path("instanceIds").forEach(n -> ids.add(n.asText()));
    if (ids.isEmpty())
      throw ArmError.invalid("instanceIds", "Required parameter 'instanceIds' is missing (null).");
    deleteInstances(s, ids, now);
    return operations.accepted(s, "DeleteInstances", now);
  }

  /** Deletes instances (those already going are skipped, e.g. on a retry); capacity shrinks. */
  void deleteInstances(EmulatedScaleSet s, List<String> ids, long now) {
    int removed = 0;
    for (String instanceId : ids) {
      EmulatedVm vm = s.vms.get(instanceId);
      // Already gone (e.g. a retried request): nothing to do for it.
      if (vm == null || vm.deleting()) continue;
      vm.enter("Deleting", now);
      removed++;
    }
    // Deleting instances shrinks the scale set, as in ARM.
    ObjectNode sku = s.body.withObjectProperty("sku");
    sku.put("capacity", Math.max(0, s.capacity() - removed));
  }

  /** POST {@code .../manualupgrade}: the listed instances take the current model. */
  Reply manualUpgrade(EmulatedScaleSet s, JsonNode body, long now) {
    body.path("instanceIds")
        .forEach(
            n -> {
              EmulatedVm vm = s.vms.get(n.asText());
              if (vm != null && !vm.deleting()) {
                vm.model = EmulatedScaleSet.modelOf(s.body);
                vm.modelVersion = s.modelVersion;
                vm.exactVersion = s.exactVersion(vm.model);
                vm.enter("Updating", now);
              }
            });
    return operations.accepted(s, "ManualUpgrade", now);
  }

  /**
   * POST {@code .../osRollingUpgrade}, as the spec describes it: "Starts a rolling upgrade to move
   * all virtual machine scale set instances to the latest available Platform Image OS version.
   * Instances which are already running the latest available OS version are not affected"
   * (ComputeRP.json, VirtualMachineScaleSetRollingUpgrades_StartOSUpgrade). So it reimages only
   * instances on an older version of the same platform image ({@link
   * ArmEmulator#latestImageVersion}) and leaves every other model change (size, user data, disk,
   * another image) where it was. A scale set without a platform image is refused with the message
   * ARM gave in Azure/azure-cli#6640 (the 409 is our assumption).
   */
  Reply osRollingUpgrade(EmulatedScaleSet s, long now) {
    String mode = s.body.path("properties").path("upgradePolicy").path("mode").asText("Manual");
    if (!mode.equalsIgnoreCase("Rolling")) {
      throw new ArmError(
          409,
          "OperationNotAllowed",
          null,
          "Rolling Upgrade is only supported when the upgrade policy mode is 'Rolling'; it is '"
              + mode
              + "'.");
    }
    JsonNode image =
        s.body
            .path("properties")
            .path("virtualMachineProfile")
            .path("storageProfile")
            .path("imageReference");
    if (!image.has("publisher")) {
      throw new ArmError(
          409,
          "OperationNotAllowed",
          null,
          "The OS Rolling Upgrade API cannot be used on a VM Scale Set unless the VM Scale Set is using a Platform Image select the OS by setting imageReference.");
    }
    if (s.rollingUpgrade == null || !s.rollingUpgrade.active()) {
      RollingUpgrade ru = newRollingUpgrade(s, now);
      String latest = arm.latestImageVersion;
      for (EmulatedVm vm : s.activeVms()) {
        JsonNode vmImage = vm.model.path("profile").path("storageProfile").path("imageReference");
        boolean samePlatformImage =
            vmImage.path("publisher").asText().equalsIgnoreCase(image.path("publisher").asText())
                && vmImage.path("offer").asText().equalsIgnoreCase(image.path("offer").asText())
                && vmImage.path("sku").asText().equalsIgnoreCase(image.path("sku").asText())
                && vmImage.path("version").asText().equalsIgnoreCase("latest");
        if (samePlatformImage && !latest.equals(vm.exactVersion)) {
          vm.exactVersion = latest;
          vm.enter("Updating", now);
          ru.successful++;
        }
      }
      ru.status = "Completed";
      ru.endedAt = now;
      s.rollingUpgrade = ru;
    }
    return operations.accepted(s, "OSRollingUpgrade", now);
  }

  /** POST {@code .../rollingUpgrades/cancel}. */
  Reply cancelRollingUpgrade(EmulatedScaleSet s, long now) {
    if (s.rollingUpgrade == null || !s.rollingUpgrade.active()) {
      throw new ArmError(
          409, "OperationNotAllowed", null, "There is no rolling upgrade in progress to cancel.");
    }
    s.rollingUpgrade.status = "Cancelled";
    s.rollingUpgrade.endedAt = now;
    return operations.accepted(s, "CancelRollingUpgrade", now);
  }

  private void busyCheck(EmulatedScaleSet s) {
    if (arm.conflictWhileBusy && s.busy != null && !s.busy.done) {
      throw new ArmError(
          409,
          "OperationNotAllowed",
          null,
          "Operation 'write' is not allowed on VM scale set '"
              + s.name
              + "' since another operation is in progress.");
    }
  }

  /** JSON merge patch: objects merge recursively, everything else (arrays too) replaces. */
  private static void mergePatch(ObjectNode target, JsonNode patch) {
    for (Map.Entry<String, JsonNode> e : patch.properties()) {
      JsonNode cur = target.get(e.getKey());
      if (e.getValue().isNull()) target.remove(e.getKey());
      else if (e.getValue().isObject() && cur instanceof ObjectNode o && !e.getKey().equals("tags"))
        mergePatch(o, e.getValue());
      else target.set(e.getKey(), e.getValue().deepCopy());
    }
  }

  /**
   * Takes the new body. On a Rolling scale set any write makes ARM check the instances against the
   * latest model and roll those behind it: "If you want to restart a rolling upgrade, trigger a
   * generic model update. This tells the scale set to check if all the instances are up to date
   * with the latest model"
   * (https://learn.microsoft.com/azure/virtual-machine-scale-sets/virtual-machine-scale-sets-configure-rolling-upgrades#restart-a-rolling-upgrade).
   *
   * @return the rolling upgrade this write started, if any: the write's own operation then lasts
   *     until it ends, as the PUT of a Rolling model update does (Azure/azure-powershell#11896)
   */
  private RollingUpgrade apply(EmulatedScaleSet s, ObjectNode newBody, long now) {
    boolean modelChanged =
        !EmulatedScaleSet.modelOf(s.body).equals(EmulatedScaleSet.modelOf(newBody));
    if (modelChanged) ScaleSetLimits.newModel(s);
    s.body = newBody;
    if (modelChanged) s.modelVersion++;
    s.provisioningState = "Updating";
    s.reconcileCapacity(now);
    String mode = newBody.path("properties").path("upgradePolicy").path("mode").asText("Manual");
    boolean behind = false;
    for (EmulatedVm vm : s.activeVms()) behind |= vm.modelVersion != s.modelVersion;
    if (behind
        && mode.equalsIgnoreCase("Rolling")
        && (s.rollingUpgrade == null || !s.rollingUpgrade.active())) {
      s.rollingUpgrade = newRollingUpgrade(s, now);
      return s.rollingUpgrade;
    }
    return null;
  }

  private static RollingUpgrade newRollingUpgrade(EmulatedScaleSet s, long now) {
    JsonNode p = s.body.path("properties").path("upgradePolicy").path("rollingUpgradePolicy");
    return new RollingUpgrade(
        UUID.randomUUID().toString(),
        now,
        p.path("maxBatchInstancePercent").asInt(20),
        p.path("maxSurge").asBoolean(false),
        EmulatedScaleSet.isoMillis(p.path("pauseTimeBetweenBatches").asText("PT0S")));
  }
}
