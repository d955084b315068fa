package dev.poolform.testing.arm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * What a write may not change on an existing scale set, per "Modify a Virtual Machine Scale Set"
 * (https://learn.microsoft.com/azure/virtual-machine-scale-sets/virtual-machine-scale-sets-upgrade-scale-set#properties-with-restrictions-on-modification):
 * "Some properties can only be set when you create the scale set. Some examples include Managed OS
 * disk storage account type and fault domains", and some "may be changed, with exceptions depending
 * on the current value" (singlePlacementGroup, subnet, ...).
 *
 * <p>ARM answers a create-time property with 409 {@code PropertyChangeNotAllowed} ("Changing
 * property 'X' is not allowed.", its status and wording as seen on VMs in
 * Azure/azure-powershell#7621 and MicrosoftDocs/azure-docs#12751; the targets for scale set
 * properties are our assumption). A subnet in another virtual network is a 400 {@code
 * VMScaleSetCannotBeUpdatedToReferenceSubnetsFromDifferentVirtualNetworks}
 * (hashicorp/terraform-provider-azurerm#14532). A scale set spanning several placement groups
 * cannot go back to one
 * (https://learn.microsoft.com/azure/virtual-machine-scale-sets/virtual-machine-scale-sets-placement-groups).
 */
final class CreateTimeRules {
  private CreateTimeRules() {}

  static void check(String id, JsonNode before, JsonNode after) {
    JsonNode b = before.path("properties");
    JsonNode a = after.path("properties");
    unchanged(
        "orchestrationMode",
        b.path("orchestrationMode").asText("Uniform").toLowerCase(Locale.ROOT),
        a.path("orchestrationMode").asText("Uniform").toLowerCase(Locale.ROOT));
    if (a.has("platformFaultDomainCount") || b.has("platformFaultDomainCount"))
      unchanged(
          "platformFaultDomainCount",
          b.path("platformFaultDomainCount").asText(""),
          a.path("platformFaultDomainCount").asText(""));
    String typeBefore = storageType(b);
    String typeAfter = storageType(a);
    if (!typeBefore.isEmpty() || !typeAfter.isEmpty())
      unchanged("osDisk.managedDisk.storageAccountType", typeBefore, typeAfter);
    if (!b.path("singlePlacementGroup").asBoolean(true)
        && a.path("singlePlacementGroup").asBoolean(false)) throw changed("singlePlacementGroup");
    Set<String> netsBefore = networks(b);
    Set<String> netsAfter = networks(a);
    if (!netsBefore.isEmpty() && !netsAfter.isEmpty() && !netsBefore.equals(netsAfter)) {
      throw new ArmError(
          400,
          "VMScaleSetCannotBeUpdatedToReferenceSubnetsFromDifferentVirtualNetworks",
          null,
          "VM scale set "
              + id
              + " cannot be updated to reference subnets from different virtual networks.");
    }
  }

  private static String storageType(JsonNode props) {
    return props
        .path("virtualMachineProfile")
        .path("storageProfile")
        .path("osDisk")
        .path("managedDisk")
        .path("storageAccountType")
        .asText("")
        .toLowerCase(Locale.ROOT);
  }

  private static Set<String> networks(JsonNode props) {
    Set<String> out = new HashSet<>();
    for (String subnet : ScaleSetRules.subnets(props.path("virtualMachineProfile"))) {
      String vnet = ScaleSetRules.virtualNetworkOf(subnet);
      if (vnet != null) out.add(vnet);
    }
    return out;
  }

  private static void unchanged(String property, String before, String after) {
    if (!Objects.equals(before, after)) throw changed(property);
  }

  private static ArmError changed(String property) {
    return new ArmError(
        409,
        "PropertyChangeNotAllowed",
        property,
        "Changing property '" + property + "' is not allowed.");
  }
}
