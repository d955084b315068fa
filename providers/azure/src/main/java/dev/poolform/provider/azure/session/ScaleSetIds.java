package dev.poolform.provider.azure.session;

import dev.poolform.provider.azure.connect.AzureSettings;
import dev.poolform.provider.azure.mapping.ScaleSetId;
import dev.poolform.runtime.provider.GroupRef;
import dev.poolform.runtime.provider.GroupSpec;
import dev.poolform.runtime.provider.ProviderException;
import dev.poolform.runtime.provider.ProviderException.Kind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The scale set a pool is: the resource id state recorded, else the pool's name in the cloud
 * block's resource group. An id from another subscription is refused, so a state file or an import
 * can never point a cloud block at scale sets its credentials were not meant for.
 */
final class ScaleSetIds {
  private final AzureSettings settings;

  ScaleSetIds(AzureSettings settings) {
    this.settings = settings;
  }

  ScaleSetId of(GroupRef ref) throws ProviderException {
    Optional<ScaleSetId> parsed = ScaleSetId.parse(ref.cloudId());
    if (parsed.isPresent()) {
      if (!parsed.get().subscription().equalsIgnoreCase(settings.subscription())) {
        throw new ProviderException(
            Kind.INVALID_VALUE,
            null,
            null,
            "scale set "
                + ref.cloudId()
                + " is in subscription "
                + parsed.get().subscription()
                + ", not in cloud `"
                + settings.cloudName()
                + "`'s subscription "
                + settings.subscription()
                + ".",
            null);
      }
      return parsed.get();
    }
    return new ScaleSetId(settings.subscription(), settings.resourceGroup(), ref.name());
  }

  /**
   * The scale sets of {@code refs}, and the refs by resource group (lower case: ARM's names ignore
   * case), both in the order given: a read lists each resource group's scale sets once for all its
   * pools.
   */
  Placement place(Collection<GroupRef> refs) throws ProviderException {
    Map<GroupRef, ScaleSetId> idByRef = new LinkedHashMap<>();
    Map<String, List<GroupRef>> byResourceGroup = new LinkedHashMap<>();
    for (GroupRef ref : refs) {
      ScaleSetId id = of(ref);
      idByRef.put(ref, id);
      byResourceGroup
          .computeIfAbsent(id.resourceGroup().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(ref);
    }
    return new Placement(idByRef, byResourceGroup);
  }

  /** What {@link #place} found. */
  record Placement(Map<GroupRef, ScaleSetId> ids, Map<String, List<GroupRef>> byResourceGroup) {
    /** The scale sets of {@code refs}, in their order. */
    List<ScaleSetId> of(List<GroupRef> refs) {
      List<ScaleSetId> out = new ArrayList<>(refs.size());
      for (GroupRef ref : refs) out.add(ids.get(ref));
      return out;
    }
  }

  ScaleSetId of(GroupSpec spec) {
    return named(spec.name());
  }

  /** The scale set a new pool's group named {@code name} is: in the block's resource group. */
  ScaleSetId named(String name) {
    return new ScaleSetId(settings.subscription(), settings.resourceGroup(), name);
  }
}
