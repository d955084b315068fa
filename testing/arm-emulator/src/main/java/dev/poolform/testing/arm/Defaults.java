package dev.poolform.testing.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The defaults ARM reports on GET and list for properties a client never set (the emulator's "fill
 * defaults" mode, {@link ArmEmulator#fillDefaults}). A client comparing what it reads with what it
 * wrote must not take them for changes made by someone else.
 *
 * <p>Taken from a real scale set read back after a PUT that did not set them (the Java SDK's
 * recorded session VirtualMachineScaleSetOperationsTests.canCreateVirtualMachineScaleSet, stored
 * under {@code session-records/} in this module's tests): {@code orchestrationMode}, and for
 * Uniform {@code singlePlacementGroup: true}, {@code overprovision: true}, {@code
 * doNotRunExtensionsOnOverprovisionedVMs: false}; in the OS profile {@code secrets}, {@code
 * allowExtensionOperations}, {@code requireGuestProvisionSignal}, {@code provisionVMAgent}, {@code
 * enableVMAgentPlatformUpdates}; {@code osDisk.osType}; on each NIC {@code
 * disableTcpStateTracking}, {@code dnsSettings.dnsServers}, {@code enableIPForwarding} and {@code
 * privateIPAddressVersion}. The upgrade mode defaults to Manual (ComputeRP.json, UpgradePolicy).
 * That a managed OS disk's {@code storageAccountType} is reported when not set is our assumption
 * (the VM resource reports it; the emulator takes the stricter view for the scale set too).
 */
final class Defaults {
  private Defaults() {}

  static void fill(ObjectNode scaleSet) {
    ObjectNode props = scaleSet.withObjectProperty("properties");
    boolean flexible =
        props.path("orchestrationMode").asText("Uniform").equalsIgnoreCase("Flexible");
    props.putIfAbsent("orchestrationMode", props.textNode(flexible ? "Flexible" : "Uniform"));
    if (!flexible) {
      props.putIfAbsent("singlePlacementGroup", props.booleanNode(true));
      props.putIfAbsent("overprovision", props.booleanNode(true));
      props.putIfAbsent("doNotRunExtensionsOnOverprovisionedVMs", props.booleanNode(false));
    }
    props.withObjectProperty("upgradePolicy").putIfAbsent("mode", props.textNode("Manual"));
    if (!(props.get("virtualMachineProfile") instanceof ObjectNode profile)) return;
    if (profile.get("osProfile") instanceof ObjectNode os) {
      os.putIfAbsent("secrets", os.arrayNode());
      os.putIfAbsent("allowExtensionOperations", os.booleanNode(true));
      os.putIfAbsent("requireGuestProvisionSignal", os.booleanNode(true));
      if (!os.has("windowsConfiguration")) {
        ObjectNode linux = os.withObjectProperty("linuxConfiguration");
        linux.putIfAbsent("provisionVMAgent", os.booleanNode(true));
        linux.putIfAbsent("enableVMAgentPlatformUpdates", os.booleanNode(false));
      }
    }
    if (profile.path("storageProfile").get("osDisk") instanceof ObjectNode disk) {
      disk.putIfAbsent("osType", disk.textNode("Linux"));
      if (!disk.has("vhdContainers"))
        disk.withObjectProperty("managedDisk")
            .putIfAbsent("storageAccountType", disk.textNode("Standard_LRS"));
    }
    for (JsonNode nic : profile.path("networkProfile").path("networkInterfaceConfigurations")) {
      if (!(nic.get("properties") instanceof ObjectNode p)) continue;
      p.putIfAbsent("disableTcpStateTracking", p.booleanNode(false));
      p.withObjectProperty("dnsSettings").putIfAbsent("dnsServers", p.arrayNode());
      p.putIfAbsent("enableIPForwarding", p.booleanNode(false));
      for (JsonNode ip : p.path("ipConfigurations"))
        if (ip.get("properties") instanceof ObjectNode ipProps)
          ipProps.putIfAbsent("privateIPAddressVersion", ipProps.textNode("IPv4"));
    }
  }
}
