package dev.poolform.testing.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What ARM refuses in a scale set body (PUT, or PATCH merged onto the stored body), with ARM's
 * codes and messages, each rule citing where it comes from: the name rules, a missing location, an
 * unknown size, Flexible without {@code platformFaultDomainCount}, a profile without a network
 * interface, Rolling upgrades without a health signal or asking Flexible for rollbacks, an image
 * that is not available, an OS disk type that cannot be an OS disk or a disk smaller than the
 * image, Spot without an eviction policy, user data that is not base64, too many tags. What may not
 * change after creation is {@link CreateTimeRules}; sizes and quotas are {@link ScaleSetLimits}.
 * Also the read-only properties a client's body may carry and ARM ignores.
 */
final class ScaleSetRules {
  private static final Pattern NAME =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]{0,62}[A-Za-z0-9_])?");
  private static final Pattern SKU = Pattern.compile("(Standard|Basic)_[A-Za-z0-9_]+");

  /**
   * Managed disk types that are data disks only: "Ultra Disks can only be used as data disks" and
   * "Premium SSD v2 disks can't be used as OS disks"
   * (https://learn.microsoft.com/azure/virtual-machines/disks-types). ARM's code and message for
   * the refusal are not published; these are ours.
   */
  static final Set<String> DATA_DISK_ONLY = Set.of("ultrassd_lrs", "premiumv2_lrs");

  /**
   * Tags per resource
   * (https://learn.microsoft.com/azure/azure-resource-manager/management/tag-resources#limitations).
   */
  static final int MAX_TAGS = 50;

  private ScaleSetRules() {}

  /**
   * Throws ARM's error for the first rule the body breaks.
   *
   * @param existing the scale set before this write, or null for a create
   */
  static void validate(
      String id, String name, ObjectNode body, EmulatedScaleSet existing, ArmEmulator arm) {
    if (!NAME.matcher(name).matches()) {
      throw new ArmError(
          400,
          "InvalidResourceName",
          null,
          "Resource name "
              + name
              + " is invalid. The name can be up to 64 characters long. It can contain only letters, numbers, underscores, periods and hyphens; it must start with a letter or number and end with a letter, number or underscore.");
    }
    if (!body.path("location").isTextual())
      throw new ArmError(
          400, "LocationRequired", null, "The location property is required for this definition.");
    String sku = body.path("sku").path("name").asText("");
    if (!SKU.matcher(sku).matches())
      throw ArmError.invalid(
          "sku.name", "The value " + sku + " provided for the VM size is not valid.");
    if (existing != null) CreateTimeRules.check(id, existing.body, body);
    JsonNode props = body.path("properties");
    String mode = props.path("orchestrationMode").asText("Uniform");
    if (mode.equalsIgnoreCase("Flexible") && !props.has("platformFaultDomainCount")) {
      throw ArmError.invalid(
          "platformFaultDomainCount",
          "Parameter 'platformFaultDomainCount' is required for scale sets in Flexible orchestration mode.");
    }
    JsonNode profile = props.path("virtualMachineProfile");
    if (profile.isObject()) networkProfile(id, profile);
    upgradePolicy(props, profile, mode);
    checkImage(profile.path("storageProfile").path("imageReference"), arm.unavailableImages);
    osDisk(profile, arm);
    if (profile.path("priority").asText("Regular").equalsIgnoreCase("Spot")
        && !profile.has("evictionPolicy")) {
      throw ArmError.invalid(
          "evictionPolicy",
          "Eviction policy must be specified for Spot priority virtual machines.");
    }
    JsonNode userData = profile.path("userData");
    if (userData.isTextual()) {
      try {
        Base64.getDecoder().decode(userData.asText());
      } catch (IllegalArgumentException e) {
        throw ArmError.invalid("userData", "UserData must be a base64-encoded string.");
      }
    }
    int tags = body.path("tags").size();
    if (tags > MAX_TAGS) {
      // The limit is documented (MAX_TAGS); ARM's code and message for it are ours.
      throw ArmError.invalid(
          "tags",
          "The resource has "
              + tags
              + " tags; at most "
              + MAX_TAGS
              + " tags are allowed per resource.");
    }
    ScaleSetLimits.check(name, body, existing, arm);
  }

  /**
   * A VM profile needs a network interface: ARM refuses the scale set otherwise with {@code
   * VMScaleSetNetworkProfileHasNoNetworkInterfaceConfigs} (seen on a real deployment,
   * Azure/bicep-registry-modules#1851; the 400 status is our assumption). A subnet reference must
   * be a subnet resource id.
   */
  private static void networkProfile(String id, JsonNode profile) {
    JsonNode nics = profile.path("networkProfile").path("networkInterfaceConfigurations");
    if (!nics.isArray() || nics.isEmpty()) {
      throw new ArmError(
          400,
          "VMScaleSetNetworkProfileHasNoNetworkInterfaceConfigs",
          null,
          "VM scale set network profile " + id + " has no network interface configurations.");
    }
    for (String subnet : subnets(profile)) {
      if (virtualNetworkOf(subnet) == null)
        throw ArmError.invalid(
            "subnet.id", "Subnet id '" + subnet + "' is not a valid subnet resource id.");
    }
  }

  /** Every subnet id the profile's IP configurations reference. */
  static List<String> subnets(JsonNode profile) {
    List<String> out = new java.util.ArrayList<>();
    for (JsonNode nic : profile.path("networkProfile").path("networkInterfaceConfigurations"))
      for (JsonNode ip : nic.path("properties").path("ipConfigurations")) {
        String subnet = ip.path("properties").path("subnet").path("id").asText("");
        if (!subnet.isEmpty()) out.add(subnet);
      }
    return out;
  }

  private static final Pattern SUBNET_ID =
      Pattern.compile(
          "(?i)(/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\\.Network/virtualNetworks/[^/]+)/subnets/[^/]+");

  /** The virtual network id a subnet id belongs to, lower-cased; null if it is no subnet id. */
  static String virtualNetworkOf(String subnetId) {
    var m = SUBNET_ID.matcher(subnetId);
    return m.matches() ? m.group(1).toLowerCase(java.util.Locale.ROOT) : null;
  }

  /**
   * Rolling upgrades need a health signal (ARM's 400 as reported in
   * terraform-provider-azurerm#5430; on Flexible only the Application Health extension counts,
   * https://learn.microsoft.com/azure/virtual-machine-scale-sets/virtual-machine-scale-sets-configure-rolling-upgrades#requirements),
   * and {@code rollbackFailedInstancesOnPolicyBreach} is documented for Uniform orchestration only
   * (same page, "Rollback Failed Instances On Policy Breach (Uniform Orchestration only)"; the
   * refusal's code and message are ours).
   */
  private static void upgradePolicy(JsonNode props, JsonNode profile, String mode) {
    JsonNode policy = props.path("upgradePolicy");
    if (policy.path("mode").asText("Manual").equalsIgnoreCase("Rolling")
        && !healthSignal(profile, mode)) {
      throw new ArmError(
          400,
          "BadRequest",
          null,
          "Rolling Upgrade mode is not supported for this Virtual Machine Scale Set because a health probe or health extension was not provided.");
    }
    if (mode.equalsIgnoreCase("Flexible")
        && policy
            .path("rollingUpgradePolicy")
            .path("rollbackFailedInstancesOnPolicyBreach")
            .asBoolean(false)) {
      throw ArmError.invalid(
          "upgradePolicy.rollingUpgradePolicy.rollbackFailedInstancesOnPolicyBreach",
          "Rolling back failed instances on policy breach is supported only for Virtual Machine Scale Sets in Uniform orchestration mode.");
    }
  }

  /**
   * The OS disk: a data-disk-only type is refused ({@link #DATA_DISK_ONLY}); a size below the
   * image's is a 409 {@code OperationNotAllowed} at {@code osDisk.diskSizeGB}, with the message and
   * status ARM gave in skypilot-org/skypilot#2219 and Azure/avdaccelerator#523.
   */
  private static void osDisk(JsonNode profile, ArmEmulator arm) {
    JsonNode disk = profile.path("storageProfile").path("osDisk");
    String type = disk.path("managedDisk").path("storageAccountType").asText("");
    if (DATA_DISK_ONLY.contains(type.toLowerCase(java.util.Locale.ROOT))) {
      throw ArmError.invalid(
          "osDisk.managedDisk.storageAccountType",
          "Storage account type '"
              + type
              + "' is supported for data disks only; it cannot be used for the OS disk.");
    }
    if (disk.has("diskSizeGB")) {
      int image = arm.imageDiskSizeGb;
      int size = disk.path("diskSizeGB").asInt();
      if (size < image) {
        throw new ArmError(
            409,
            "OperationNotAllowed",
            "osDisk.diskSizeGB",
            "The specified disk size "
                + size
                + " GB is smaller than the size of the corresponding disk in the VM image: "
                + image
                + " GB. This is not allowed. Please choose equal or greater size or do not specify an explicit size.");
      }
    }
  }

  /** A marketplace image needs publisher, offer and sku, and must be one ARM can serve. */
  private static void checkImage(JsonNode image, Set<String> unavailableImages) {
    if (image.has("id")) return;
    String urn =
        image.path("publisher").asText("")
            + ":"
            + image.path("offer").asText("")
            + ":"
            + image.path("sku").asText("")
            + ":"
            + image.path("version").asText("");
    if (!image.has("publisher")
        || !image.has("offer")
        || !image.has("sku")
        || unavailableImages.contains(urn)) {
      throw ArmError.invalid(
          "imageReference",
          "The platform image '"
              + urn
              + "' is not available. Verify that all fields in the storage profile are correct.");
    }
  }

  /** The Application Health extension, or (Uniform only) a load balancer health probe. */
  private static boolean healthSignal(JsonNode profile, String mode) {
    for (JsonNode ext : profile.path("extensionProfile").path("extensions")) {
      String type = ext.path("properties").path("type").asText("");
      if (type.equals("ApplicationHealthLinux") || type.equals("ApplicationHealthWindows"))
        return true;
    }
    return !mode.equalsIgnoreCase("Flexible")
        && profile.path("networkProfile").path("healthProbe").has("id");
  }

  /** Drops what a client may send back from a GET but cannot set. */
  static void stripReadOnly(ObjectNode body) {
    body.remove(List.of("id", "name", "type", "etag"));
    JsonNode props = body.path("properties");
    if (props instanceof ObjectNode p)
      p.remove(List.of("provisioningState", "uniqueId", "timeCreated"));
  }
}
