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
import java.util.Optional;

/**
 * Batched reads of scale sets. A resource group is listed (one paged list) at most once a tick
 * ({@code POOLFORM_AZURE_READ_TICK_MS}, default 2 s, the engine's poll interval): {@link #read} of
 * many pools, {@link #findOwned} right after it, and the machine reads of the same tick ({@link
 * MachineReads}) share that listing. A read of a few pools (the engine waiting on one) with no
 * fresh listing GETs them instead. A write of this session ends the tick early for the scale set it
 * wrote to (the next read about it lists afresh), not for the other pools of the group. A scale set
 * being deleted counts as gone.
 */
final class ScaleSetReads {
  /** Reads of at most this many pools GET them (when no listing is fresh); more list. */
  static final int GET_LIMIT = 3;

  /** One list of a resource group's scale sets, and when it was taken. */
  record Listing(long at, List<VirtualMachineScaleSetInner> scaleSets) {}

  private final AzureSettings settings;
  private final ScaleSetApi api;
  private final ScaleSetIds ids;
  private final long tickNanos;
  private final Map<String, Listing> listings = new HashMap<>();

  /** When this session last wrote to each scale set (by {@link #key}) and to each group. */
  private final Map<String, Long> writes = new HashMap<>();

  private final Map<String, Long> groupWrites = new HashMap<>();

  ScaleSetReads(AzureSettings settings, ScaleSetApi api, ScaleSetIds ids) {
    this.settings = settings;
    this.api = api;
    this.ids = ids;
    this.tickNanos = settings.readTick().toNanos();
  }

  /** How long a read serves (the read tick), in nanoseconds. */
  long tickNanos() {
    return tickNanos;
  }

  /** The scale sets of a resource group: this tick's listing, or a new one. */
  List<VirtualMachineScaleSetInner> listing(String resourceGroup) throws ProviderException {
    return listing(resourceGroup, List.of()).scaleSets();
  }

  /**
   * The scale sets of a resource group: this tick's listing if it was taken after this session's
   * last write to each of {@code about} (or, with none named, to any scale set of the group), or a
   * new one.
   */
  synchronized Listing listing(String resourceGroup, Collection<ScaleSetId> about)
      throws ProviderException {
    String key = resourceGroup.toLowerCase(Locale.ROOT);
    Listing l = listings.get(key);
    if (!fresh(l, resourceGroup, about)) {
      l = new Listing(System.nanoTime(), api.list(resourceGroup));
      listings.put(key, l);
    }
    return l;
  }

  /**
   * Whether a read taken at {@code at} still serves {@code about}: it is from this tick and no
   * write of this session to one of them (or, with none named, to any scale set of the group) came
   * after.
   */
  synchronized boolean serves(long at, String resourceGroup, Collection<ScaleSetId> about) {
    if (System.nanoTime() - at >= tickNanos) return false;
    if (about.isEmpty())
      return groupWrites.getOrDefault(resourceGroup.toLowerCase(Locale.ROOT), Long.MIN_VALUE) < at;
    for (ScaleSetId id : about)
      if (writes.getOrDefault(key(id), Long.MIN_VALUE) >= at) return false;
    return true;
  }

  private boolean fresh(Listing l, String resourceGroup, Collection<ScaleSetId> about) {
    return l != null && serves(l.at(), resourceGroup, about);
  }

  /** This tick's listing of a resource group for {@code about}, if there is one. */
  private synchronized Optional<List<VirtualMachineScaleSetInner>> fresh(
      String resourceGroup, Collection<ScaleSetId> about) {
    Listing l = listings.get(resourceGroup.toLowerCase(Locale.ROOT));
    return fresh(l, resourceGroup, about) ? Optional.of(l.scaleSets()) : Optional.empty();
  }

  /**
   * This session is writing to a scale set: reads of it taken before now no longer serve it (the
   * other pools of the group keep this tick's reads).
   */
  synchronized void wrote(ScaleSetId id) {
    long now = System.nanoTime();
    writes.put(key(id), now);
    groupWrites.put(id.resourceGroup().toLowerCase(Locale.ROOT), now);
  }

  /** Whether this session wrote to {@code id} at or after {@code at}. */
  synchronized boolean writtenSince(ScaleSetId id, long at) {
    return writes.getOrDefault(key(id), Long.MIN_VALUE) >= at;
  }

  static String key(ScaleSetId id) {
    return (id.resourceGroup() + "/" + id.name()).toLowerCase(Locale.ROOT);
  }

  /** The scale set of {@code id} in a listing of its resource group, deleting or not. */
  static Optional<VirtualMachineScaleSetInner> named(
      List<VirtualMachineScaleSetInner> listing, ScaleSetId id) {
    for (VirtualMachineScaleSetInner s : listing)
      if (s.name() != null && s.name().equalsIgnoreCase(id.name())) return Optional.of(s);
    return Optional.empty();
  }

  /**
   * The scale set of {@code id} as this tick's listing shows it, if that listing was taken after
   * this session's last write to it (what a write needs to keep what it does not own, without a GET
   * of its own); empty when there is no such listing or it does not show the scale set.
   */
  Optional<VirtualMachineScaleSetInner> current(ScaleSetId id) {
    return fresh(id.resourceGroup(), List.of(id))
        .flatMap(l -> named(l, id))
        .filter(s -> !"Deleting".equalsIgnoreCase(s.provisioningState()));
  }

  /** What this session's last write left each scale set as (by {@link #key}), and when. */
  private final Map<String, Long> sizedAt = new HashMap<>();

  private final Map<String, Sizing> sized = new HashMap<>();

  /**
   * This session's write to {@code id} has ended and left it as {@code after} (the fields the write
   * set, the rest as they were before it): the next write within the tick takes that instead of a
   * GET, as it would take a listing of the same tick.
   */
  synchronized void wroteAs(ScaleSetId id, Sizing after) {
    wrote(id);
    long now = writes.get(key(id));
    sizedAt.put(key(id), now);
    sized.put(key(id), after);
  }

  /**
   * What a resize of {@code id} needs: from this tick's listing if it was taken after this
   * session's last write to it, else from that write itself if it said what it left ({@link
   * #wroteAs}) and was within the tick; empty otherwise (the caller GETs).
   */
  synchronized Optional<Sizing> sizing(ScaleSetId id) {
    Optional<VirtualMachineScaleSetInner> listed = current(id);
    if (listed.isPresent()) return listed.map(Sizing::of);
    Long at = sizedAt.get(key(id));
    if (at == null
        || at < writes.getOrDefault(key(id), Long.MIN_VALUE)
        || System.nanoTime() - at >= tickNanos) {
      return Optional.empty();
    }
    return Optional.of(sized.get(key(id)));
  }

  /** The scale sets of {@code refs} that exist and are not being deleted, by address. */
  Map<String, ObservedGroup> read(Collection<GroupRef> refs) throws ProviderException {
    ScaleSetIds.Placement placed = ids.place(refs);
    Map<GroupRef, ScaleSetId> idByRef = placed.ids();
    Map<String, ObservedGroup> out = new LinkedHashMap<>();
    for (List<GroupRef> group : placed.byResourceGroup().values()) {
      List<ScaleSetId> about = placed.of(group);
      String rg = about.get(0).resourceGroup();
      Optional<List<VirtualMachineScaleSetInner>> listed = fresh(rg, about);
      if (listed.isEmpty() && group.size() <= GET_LIMIT) {
        // A handful of pools (the engine waiting on one pool): a GET each is cheaper than paging
        // through a resource group of many scale sets.
        for (GroupRef ref : group) {
          api.get(idByRef.get(ref))
              .filter(s -> !"Deleting".equalsIgnoreCase(s.provisioningState()))
              .ifPresent(s -> out.put(ref.address(), Observed.group(ref.address(), s)));
        }
        continue;
      }
      Map<String, VirtualMachineScaleSetInner> byName = new HashMap<>();
      for (VirtualMachineScaleSetInner s :
          listed.isPresent() ? listed.get() : listing(rg, about).scaleSets()) {
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
    for (VirtualMachineScaleSetInner s : listing(settings.resourceGroup())) {
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
