package dev.poolform.testing.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What ARM refuses in a scale set body (PUT, or PATCH merged onto the stored body), with ARM's
 * codes and messages: the name rules, a missing location, an unknown size, changing the
 * orchestration mode, Flexible without {@code platformFaultDomainCount}, Rolling upgrades without a
 * health signal, an image that is not available, Spot without an eviction policy, user data that is
 * not base64. Also the read-only properties a client's body may carry and ARM ignores.
 */
final class ScaleSetRules {
  private static final Pattern NAME =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]{0,62}[A-Za-z0-9_])?");
  private static final Pattern SKU = Pattern.compile("(Standard|Basic)_[A-Za-z0-9_]+");

  private ScaleSetRules() {}

  /**
   * Throws ARM's error for the first rule the body breaks.
   *
   * @param existing the scale set before this write, or null for a create
   * @param unavailableImages image URNs to answer "not available" for
   */
  static void validate(
      String name, ObjectNode body, EmulatedScaleSet existing, Set<String> unavailableImages) {
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
    JsonNode props = body.path("properties");
    String mode = props.path("orchestrationMode").asText("Uniform");
    if (existing != null) {
      String before = existing.body.path("properties").path("orchestrationMode").asText("Uniform");
      if (!before.equalsIgnoreCase(mode))
        throw new ArmError(
            400,
            "PropertyChangeNotAllowed",
            "orchestrationMode",
            "Changing property 'orchestrationMode' is not allowed.");
    }
    if (mode.equalsIgnoreCase("Flexible") && !props.has("platformFaultDomainCount")) {
      throw ArmError.invalid(
          "platformFaultDomainCount",
          "Parameter 'platformFaultDomainCount' is required for scale sets in Flexible orchestration mode.");
    }
    JsonNode profile = props.path("virtualMachineProfile");
    if (props.path("upgradePolicy").path("mode").asText("Manual").equalsIgnoreCase("Rolling")
        && !healthSignal(profile, mode)) {
      // ARM's answer (terraform-provider-azurerm#5430); Flexible counts the extension only.
      throw new ArmError(
          400,
          "BadRequest",
          null,
          "Rolling Upgrade mode is not supported for this Virtual Machine Scale Set because a health probe or health extension was not provided.");
    }
    checkImage(profile.path("storageProfile").path("imageReference"), unavailableImages);
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
