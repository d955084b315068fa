package dev.poolform.testing.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One scale set: the resource body as last PUT/PATCHed (what GET returns, minus secrets), the model
 * version its instances are compared against ({@code latestModelApplied}), the instances, and the
 * latest rolling upgrade.
 */
final class EmulatedScaleSet {
  final ArmEmulator arm;
  final String id;
  final String resourceGroup;
  final String name;
  final String uniqueId = UUID.randomUUID().toString();
  final long createdAt;
  ObjectNode body;
  int modelVersion = 1;
  String provisioningState = "Creating";

  /** The unfinished operation on this scale set, if any (a second writer gets 409). */
  AsyncOperation busy;

  final Map<String, EmulatedVm> vms = new LinkedHashMap<>();
  int nextInstance;
  RollingUpgrade rollingUpgrade;

  EmulatedScaleSet(
      ArmEmulator arm, String id, String resourceGroup, String name, ObjectNode body, long now) {
    this.arm = arm;
    this.id = id;
    this.resourceGroup = resourceGroup;
    this.name = name;
    this.body = body;
    this.createdAt = now;
  }

  /**
   * What instances are built from: the SKU and the VM profile (tags and capacity are not model).
   */
  static ObjectNode modelOf(ObjectNode body) {
    ObjectNode m = body.objectNode();
    JsonNode sku = body.path("sku");
    m.put("skuName", sku.path("name").asText(""));
    m.set("profile", body.path("properties").path("virtualMachineProfile").deepCopy());
    return m;
  }

  long capacity() {
    return body.path("sku").path("capacity").asLong(0);
  }

  boolean flexible() {
    return "Flexible"
        .equalsIgnoreCase(body.path("properties").path("orchestrationMode").asText("Uniform"));
  }

  List<EmulatedVm> activeVms() {
    List<EmulatedVm> out = new ArrayList<>();
    for (EmulatedVm vm : vms.values()) if (!vm.deleting()) out.add(vm);
    return out;
  }

  List<String> zones() {
    List<String> z = new ArrayList<>();
    body.path("zones").forEach(n -> z.add(n.asText()));
    return z;
  }

  EmulatedVm addVm(long now) {
    String instanceId =
        flexible()
            ? name + "_" + Integer.toHexString(0x1000_0000 + nextInstance)
            : Integer.toString(nextInstance);
    List<String> zones = zones();
    String zone = zones.isEmpty() ? null : zones.get(nextInstance % zones.size());
    nextInstance++;
    EmulatedVm vm =
        new EmulatedVm(
            instanceId, UUID.randomUUID().toString(), zone, now, modelOf(body), modelVersion);
    vm.exactVersion = exactVersion(vm.model);
    vms.put(instanceId, vm);
    return vm;
  }

  /** The image version a VM built from this model runs: {@code latest} resolves to the newest. */
  String exactVersion(JsonNode model) {
    String v =
        model
            .path("profile")
            .path("storageProfile")
            .path("imageReference")
            .path("version")
            .asText("");
    return v.equalsIgnoreCase("latest") ? arm.latestImageVersion : v;
  }

  /** Adds or removes instances until the active ones match capacity; removes the newest first. */
  void reconcileCapacity(long now) {
    List<EmulatedVm> active = activeVms();
    long want = capacity();
    for (long i = active.size(); i < want; i++) addVm(now);
    for (int i = active.size() - 1; i >= want; i--) {
      EmulatedVm vm = active.get(i);
      vm.enter("Deleting", now);
    }
  }

  /** As GET returns it: with the defaults ARM fills in when the emulator fills defaults. */
  ObjectNode render(boolean withUserData) {
    ObjectNode out = renderStored(withUserData);
    if (arm.fillDefaults) Defaults.fill(out);
    return out;
  }

  /** The stored body with ARM's read-only properties, without filled-in defaults. */
  ObjectNode renderStored(boolean withUserData) {
    ObjectNode out = body.deepCopy();
    out.put("id", id);
    out.put("name", name);
    out.put("type", "Microsoft.Compute/virtualMachineScaleSets");
    ObjectNode props = out.withObjectProperty("properties");
    props.put("provisioningState", provisioningState);
    props.put("uniqueId", uniqueId);
    props.put("timeCreated", Instant.ofEpochMilli(createdAt).toString());
    ObjectNode profile = (ObjectNode) props.get("virtualMachineProfile");
    if (profile != null) {
      if (!withUserData) profile.remove("userData");
      JsonNode os = profile.get("osProfile");
      if (os instanceof ObjectNode o) {
        o.remove("adminPassword");
        if (!o.has("secrets")) o.putArray("secrets");
      }
    }
    return out;
  }

  ObjectNode renderVm(EmulatedVm vm, boolean instanceView, boolean withUserData) {
    ObjectNode out = body.objectNode();
    out.put("name", name + "_" + vm.instanceId);
    out.put("id", id + "/virtualMachines/" + vm.instanceId);
    out.put("type", "Microsoft.Compute/virtualMachineScaleSets/virtualMachines");
    out.put("location", body.path("location").asText());
    out.put("instanceId", vm.instanceId);
    if (vm.zone != null) out.putArray("zones").add(vm.zone);
    ObjectNode sku = out.putObject("sku");
    sku.put("name", vm.model.path("skuName").asText());
    sku.put("tier", "Standard");
    ObjectNode props = out.putObject("properties");
    props.put("latestModelApplied", vm.modelVersion == modelVersion);
    props.put("modelDefinitionApplied", "VirtualMachineScaleSet");
    props.put("vmId", vm.vmId);
    props.put("timeCreated", Instant.ofEpochMilli(vm.createdAt).toString());
    props.putObject("hardwareProfile");
    JsonNode profile = vm.model.path("profile");
    ObjectNode storage = props.putObject("storageProfile");
    JsonNode image = profile.path("storageProfile").path("imageReference");
    if (image.isObject()) {
      ObjectNode img = image.deepCopy();
      storage.set("imageReference", img);
      if (img.has("version") && vm.exactVersion != null) img.put("exactVersion", vm.exactVersion);
    }
    JsonNode osDisk = profile.path("storageProfile").path("osDisk");
    if (osDisk.isObject()) {
      ObjectNode d = osDisk.deepCopy();
      storage.set("osDisk", d);
      d.put("name", name + "_" + vm.instanceId + "_OsDisk_1_" + vm.vmId.replace("-", ""));
      d.put("osType", "Linux");
      if (!d.has("diskSizeGB")) d.put("diskSizeGB", arm.imageDiskSizeGb);
      // A VM's disk is of some type: the one asked for, else the default (see Defaults).
      if (!d.has("vhd"))
        d.withObjectProperty("managedDisk")
            .putIfAbsent("storageAccountType", d.textNode("Standard_LRS"));
    }
    storage.putArray("dataDisks");
    JsonNode os = profile.path("osProfile");
    ObjectNode osOut = props.putObject("osProfile");
    osOut.put(
        "computerName",
        os.path("computerNamePrefix").asText(name)
            + String.format("%06d", Math.abs((long) vm.instanceId.hashCode()) % 1_000_000));
    osOut.put("adminUsername", os.path("adminUsername").asText("azureuser"));
    osOut.putArray("secrets");
    osOut.put("allowExtensionOperations", true);
    osOut.put("requireGuestProvisionSignal", true);
    if (withUserData && profile.has("userData"))
      props.put("userData", profile.path("userData").asText());
    ObjectNode net = props.putObject("networkProfile");
    ArrayNode nics = net.putArray("networkInterfaces");
    ObjectNode netConf = props.putObject("networkProfileConfiguration");
    ArrayNode confs = netConf.putArray("networkInterfaceConfigurations");
    for (JsonNode nic : profile.path("networkProfile").path("networkInterfaceConfigurations")) {
      nics.addObject()
          .put(
              "id",
              id
                  + "/virtualMachines/"
                  + vm.instanceId
                  + "/networkInterfaces/"
                  + nic.path("name").asText());
      confs.add(nic.deepCopy());
    }
    props.put("provisioningState", vm.provisioningState);
    if (instanceView)
      props.set(
          "instanceView",
          VirtualMachinesApi.instanceView(vm, osOut.path("computerName").asText(), arm));
    return out;
  }

  ObjectNode renderRollingUpgrade(RollingUpgrade ru) {
    ObjectNode out = body.objectNode();
    out.put("location", body.path("location").asText());
    ObjectNode props = out.putObject("properties");
    JsonNode policy = body.path("properties").path("upgradePolicy").path("rollingUpgradePolicy");
    props.set("policy", policy.isMissingNode() ? body.objectNode() : policy.deepCopy());
    ObjectNode status = props.putObject("runningStatus");
    status.put("code", ru.status);
    status.put("startTime", Instant.ofEpochMilli(ru.startedAt).toString());
    // RollingUpgradeRunningStatus (Compute spec, virtualMachineScaleSet.json): lastAction is
    // RollingUpgradeActionType, Start or Cancel; lastActionTime is when that action was taken.
    boolean cancelled = "Cancelled".equals(ru.status);
    status.put("lastAction", cancelled ? "Cancel" : "Start");
    status.put(
        "lastActionTime", Instant.ofEpochMilli(cancelled ? ru.endedAt : ru.startedAt).toString());
    ObjectNode progress = props.putObject("progress");
    int pending = 0;
    for (EmulatedVm vm : activeVms())
      if (vm.modelVersion != modelVersion && !ru.batchOld.contains(vm.instanceId)) pending++;
    progress.put("successfulInstanceCount", ru.successful);
    progress.put("failedInstanceCount", ru.failed);
    progress.put("inProgressInstanceCount", ru.batchOld.size());
    progress.put("pendingInstanceCount", pending);
    // RollingUpgradeStatusInfoProperties.error (ApiError): why a Faulted upgrade stopped.
    if (ru.failure != null) {
      ObjectNode error = props.putObject("error");
      error.put("code", ru.failure.code);
      error.put("message", ru.failure.getMessage());
    }
    return out;
  }

  static long isoMillis(String iso) {
    if (iso == null || iso.isEmpty()) return 0;
    return Duration.parse(iso).toMillis();
  }
}
