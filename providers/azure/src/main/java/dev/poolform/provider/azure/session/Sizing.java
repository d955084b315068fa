package dev.poolform.provider.azure.session;

import com.azure.resourcemanager.compute.fluent.models.VirtualMachineScaleSetInner;
import com.azure.resourcemanager.compute.models.OrchestrationMode;
import com.azure.resourcemanager.compute.models.Sku;
import java.util.Map;
import java.util.Optional;

/**
 * What resizing a scale set needs to know of it: the SKU (a capacity PATCH names the SKU), the tags
 * (a PATCH with tags replaces all of them, so the bounds are written beside the others), the
 * orchestration mode and the placement group setting.
 *
 * @param capacity empty when not known (after deleting machines, which ARM may have found gone)
 */
record Sizing(
    String skuName,
    String skuTier,
    Optional<Long> capacity,
    Map<String, String> tags,
    OrchestrationMode mode,
    Boolean singlePlacementGroup) {
  Sizing {
    tags = Map.copyOf(tags);
  }

  static Sizing of(VirtualMachineScaleSetInner s) {
    Sku sku = s.sku();
    return new Sizing(
        sku == null ? null : sku.name(),
        sku == null ? null : sku.tier(),
        Optional.ofNullable(sku == null ? null : sku.capacity()),
        s.tags() == null ? Map.of() : s.tags(),
        s.orchestrationMode(),
        s.singlePlacementGroup());
  }

  Sku sku(long capacity) {
    return new Sku().withName(skuName).withTier(skuTier).withCapacity(capacity);
  }

  Sizing withSku(String name, String tier) {
    return new Sizing(name, tier, capacity, tags, mode, singlePlacementGroup);
  }

  Sizing withCapacity(Optional<Long> c) {
    return new Sizing(skuName, skuTier, c, tags, mode, singlePlacementGroup);
  }

  Sizing withTags(Map<String, String> t) {
    return new Sizing(skuName, skuTier, capacity, t, mode, singlePlacementGroup);
  }

  Sizing withSinglePlacementGroup(Boolean single) {
    return new Sizing(skuName, skuTier, capacity, tags, mode, single);
  }
}
