package dev.poolform.testing.arm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How big a scale set may grow, and what a subscription's quota allows. Each limit answers 409
 * {@code OperationNotAllowed}, as ARM does for these (statuses and wording from the reports cited
 * beside each rule).
 */
final class ScaleSetLimits {
  /**
   * A Uniform scale set in one placement group ({@code singlePlacementGroup}, true by default)
   * holds at most 100 VMs; with several placement groups, or Flexible, at most 1,000
   * (https://learn.microsoft.com/azure/virtual-machine-scale-sets/virtual-machine-scale-sets-placement-groups).
   */
  static final int SINGLE_PLACEMENT_GROUP_MAX = 100;

  static final int SCALE_SET_MAX = 1000;

  /**
   * A Uniform scale set whose VMs reference this many models takes no new model until they are
   * upgraded (Azure/azure-docs#103472, kubernetes-sigs/cluster-api-provider-azure#4958; status and
   * code are our assumption).
   */
  static final int MODELS_REFERENCED_MAX = 10;

  private static final Pattern CORES = Pattern.compile("(?i)^(?:Standard|Basic)_[A-Z]+(\\d+)");

  private ScaleSetLimits() {}

  static void check(String name, JsonNode body, EmulatedScaleSet existing, ArmEmulator arm) {
    long capacity = body.path("sku").path("capacity").asLong(0);
    JsonNode props = body.path("properties");
    boolean uniform =
        !props.path("orchestrationMode").asText("Uniform").equalsIgnoreCase("Flexible");
    boolean single = uniform && props.path("singlePlacementGroup").asBoolean(true);
    long max = single ? SINGLE_PLACEMENT_GROUP_MAX : SCALE_SET_MAX;
    if (capacity > max) {
      // ARM's words in ansible/ansible#58220.
      throw new ArmError(
          409,
          "OperationNotAllowed",
          null,
          "Unable to create or update Virtual Machine Scale Set '"
              + name
              + "' as it exceeds the total limit of '"
              + max
              + "' Virtual Machine instances.");
    }
    long cores = cores(body.path("sku").path("name").asText("")) * capacity;
    long others = 0;
    for (EmulatedScaleSet s : arm.scaleSets.values())
      if (s != existing) others += cores(s.body.path("sku").path("name").asText("")) * s.capacity();
    if (others + cores > arm.regionalCoreQuota) {
      // ARM's words (409 Conflict) in microsoft/onefuzz#605 and nforgeio/neonKUBE#1671.
      long required = others + cores - arm.regionalCoreQuota;
      throw new ArmError(
          409,
          "OperationNotAllowed",
          null,
          "Operation could not be completed as it results in exceeding approved Total Regional Cores quota. Additional details - Deployment Model: Resource Manager, Location: "
              + body.path("location").asText()
              + ", Current Limit: "
              + arm.regionalCoreQuota
              + ", Current Usage: "
              + others
              + ", Additional Required: "
              + required
              + ", (Minimum) New Limit Required: "
              + (others + cores)
              + ". Submit a request for Quota increase.");
    }
  }

  /** Refuses a new model for a Uniform scale set whose VMs already reference the maximum. */
  static void newModel(EmulatedScaleSet s) {
    if (s.flexible()) return;
    Set<Integer> referenced = new HashSet<>();
    for (EmulatedVm vm : s.activeVms()) referenced.add(vm.modelVersion);
    if (referenced.size() >= MODELS_REFERENCED_MAX) {
      throw new ArmError(
          409,
          "OperationNotAllowed",
          null,
          "Virtual Machine Scale Set '"
              + s.name
              + "' has reached its limit of "
              + MODELS_REFERENCED_MAX
              + " models that may be referenced by one or more VMs belonging to the Virtual Machine Scale Set. Upgrade the VMs to the latest model of the Virtual Machine Scale Set before trying again.");
    }
  }

  /** vCPUs of a size, read from its name (Standard_D4s_v5: 4); 1 when the name has none. */
  static long cores(String size) {
    Matcher m = CORES.matcher(size);
    return m.find() ? Math.max(1, Long.parseLong(m.group(1))) : 1;
  }
}
