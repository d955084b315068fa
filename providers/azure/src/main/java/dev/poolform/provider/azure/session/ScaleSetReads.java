package dev.poolform.provider.azure.session;

import com.azure.resourcemanager.compute.fluent.models.VirtualMachineScaleSetInner;
import dev.poolform.provider.azure.connect.AzureSettings;
import dev.poolform.provider.azure.connect.ScaleSetApi;
import dev.poolform.provider.azure.mapping.Observed;
import dev.poolform.provider.azure.mapping.PoolTags;
import dev.poolform.provider.azure.mapping.ScaleSetId;
import dev.poolform.runtime.provider.GroupRef;
import dev.poolform.runtime.provider.ObservedGroup;
import dev.poolform.runtime.provider.ProviderException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Batched reads of scale sets. {@link #read} of more than {@value #GET_LIMIT} pools lists each
 * resource group once (a paged list) and GETs no pool; a read of a few pools (the engine waiting on
 * one) GETs them. {@link #findOwned} right after a read reuses its listing once. A scale set being
 * deleted counts as gone.
 */
final class ScaleSetReads {
  /** Reads of at most this many pools GET them; more list the resource group. */
  static final int GET_LIMIT = 3;

  static final long LISTING_REUSE_MILLIS = 2000;

  private record Listing(
      String resourceGroup, long at, List<VirtualMachineScaleSetInner> scaleSets) {}

  private final AzureSettings settings;
  private final ScaleSetApi api;
  private final ScaleSetIds ids;

  /** The last full listing read() made, which findOwned() right after it may reuse once. */
  private Listing lastListing;

  ScaleSetReads(AzureSettings settings, ScaleSetApi api, ScaleSetIds ids) {
    this.settings = settings;
    this.api = api;
    this.ids = ids;
  }

  /** The scale sets of {@code refs} that exist and are not being deleted, by address. */
  Map<String, ObservedGroup> read(Collection<GroupRef> refs) throws ProviderException {
    Map<String, List<GroupRef>> byGroup = new LinkedHashMap<>();
    Map<GroupRef, ScaleSetId> idByRef = new HashMap<>();
    for (GroupRef ref : refs) {
      ScaleSetId id = ids.of(ref);
      idByRef.put(ref, id);
      byGroup
          .computeIfAbsent(id.resourceGroup().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(ref);
    }
    Map<String, ObservedGroup> out = new LinkedHashMap<>();
    if (refs.size() <= GET_LIMIT) {
      // A handful of pools (the engine waiting on one pool): a GET each is cheaper than paging
      // through a resource group of many scale sets.
      for (GroupRef ref : refs) {
        api.get(idByRef.get(ref))
            .filter(s -> !"Deleting".equalsIgnoreCase(s.provisioningState()))
            .ifPresent(s -> out.put(ref.address(), Observed.group(ref.address(), s)));
      }
      return out;
    }
    for (List<GroupRef> group : byGroup.values()) {
      Map<String, VirtualMachineScaleSetInner> byName = new HashMap<>();
      String rg = idByRef.get(group.get(0)).resourceGroup();
      List<VirtualMachineScaleSetInner> listed = api.list(rg);
      synchronized (this) {
        lastListing = new Listing(rg, System.nanoTime(), listed);
      }
      for (VirtualMachineScaleSetInner s : listed) {
        byName.put(s.name().toLowerCase(Locale.ROOT), s);
      }
      for (GroupRef ref : group) {
        VirtualMachineScaleSetInner s =
            byName.get(idByRef.get(ref).name().toLowerCase(Locale.ROOT));
        if (s != null && !"Deleting".equalsIgnoreCase(s.provisioningState())) {
          out.put(ref.address(), Observed.group(ref.address(), s));
        }
      }
    }
    return out;
  }

  /** Every scale set of the resource group tagged with {@code lineage}. */
  List<ObservedGroup> findOwned(String lineage) throws ProviderException {
    List<ObservedGroup> out = new ArrayList<>();
    List<VirtualMachineScaleSetInner> listed = null;
    synchronized (this) {
      // The planner calls findOwned right after read: reuse that listing (once) instead of
      // paging through the resource group a second time.
      Listing l = lastListing;
      lastListing = null;
      if (l != null
          && l.resourceGroup().equalsIgnoreCase(settings.resourceGroup())
          && System.nanoTime() - l.at() < LISTING_REUSE_MILLIS * 1_000_000) {
        listed = l.scaleSets();
      }
    }
    if (listed == null) listed = api.list(settings.resourceGroup());
    for (VirtualMachineScaleSetInner s : listed) {
      Map<String, String> tags = s.tags() == null ? Map.of() : s.tags();
      String address = tags.get(PoolTags.ADDRESS);
      if (lineage.equals(tags.get(PoolTags.LINEAGE))
          && address != null
          && !"Deleting".equalsIgnoreCase(s.provisioningState())) {
        out.add(Observed.group(address, s));
      }
    }
    return out;
  }
}
