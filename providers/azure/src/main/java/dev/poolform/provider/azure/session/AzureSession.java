package dev.poolform.provider.azure.session;

import com.azure.resourcemanager.compute.fluent.models.VirtualMachineScaleSetInner;
import com.azure.resourcemanager.compute.models.OrchestrationMode;
import com.azure.resourcemanager.compute.models.VirtualMachineScaleSetUpdate;
import dev.poolform.provider.azure.connect.AzureSettings;
import dev.poolform.provider.azure.connect.ScaleSetApi;
import dev.poolform.provider.azure.mapping.FlexibleMachines;
import dev.poolform.provider.azure.mapping.ModelDigest;
import dev.poolform.provider.azure.mapping.Observed;
import dev.poolform.provider.azure.mapping.PoolTags;
import dev.poolform.provider.azure.mapping.ScaleSetId;
import dev.poolform.provider.azure.mapping.ScaleSetModel;
import dev.poolform.provider.azure.mapping.SshKey;
import dev.poolform.provider.azure.rollout.AzureRollingUpgrades;
import dev.poolform.provider.azure.rollout.RollingUpgradeEvents;
import dev.poolform.runtime.provider.CapacityRequest;
import dev.poolform.runtime.provider.CloudEvent;
import dev.poolform.runtime.provider.CloudIdentity;
import dev.poolform.runtime.provider.CloudRollouts;
import dev.poolform.runtime.provider.CloudSession;
import dev.poolform.runtime.provider.GroupRef;
import dev.poolform.runtime.provider.GroupSpec;
import dev.poolform.runtime.provider.NameTaken;
import dev.poolform.runtime.provider.Observation;
import dev.poolform.runtime.provider.ObservedGroup;
import dev.poolform.runtime.provider.ObservedMachine;
import dev.poolform.runtime.provider.Ownership;
import dev.poolform.runtime.provider.ProviderException;
import dev.poolform.runtime.provider.ProviderException.Kind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One {@code azure} cloud block's session. A pool is a scale set named after it in the block's
 * resource group; its {@link GroupRef#cloudId()} is the resource id.
 *
 * <p>Reads are batched ({@link ScaleSetReads}, {@link MachineReads}) and shared for a tick.
 * Machines are listed through the VMSS-VM API for Uniform scale sets and through the Virtual
 * Machines API for Flexible ones, as real ARM requires. Writes keep what they do not own (the other
 * tags, the current capacity) from the tick's listing or this session's previous write ({@link
 * Sizing}), and GET the scale set first only when neither is fresh.
 */
public final class AzureSession implements CloudSession {
  private final AzureSettings settings;
  private final String lineage;
  private final ScaleSetApi api;
  private final ScaleSetIds ids;
  private final ScaleSetReads reads;
  private final MachineReads machineReads;
  private final PendingWrites pending = new PendingWrites();
  private String sshKey;

  public AzureSession(AzureSettings settings, String lineage, ScaleSetApi api) {
    this.settings = settings;
    this.lineage = lineage;
    this.api = api;
    this.ids = new ScaleSetIds(settings);
    this.reads = new ScaleSetReads(settings, api, ids);
    this.machineReads = new MachineReads(api, ids, reads);
  }

  /**
   * This session is about to write to a scale set: reads of it taken before no longer serve. Each
   * write marks it again when it has ended, so that a list another pool's poll took meanwhile does
   * not serve it either.
   */
  private void writing(ScaleSetId id) {
    reads.wrote(id);
    pending.writing(id);
  }

  /**
   * The subscription, resource group, location and endpoint: where the scale sets are. ARM's names
   * are case-insensitive, so they are compared in lower case.
   */
  @Override
  public Optional<CloudIdentity> identity() {
    Map<String, String> where = new java.util.LinkedHashMap<>();
    where.put("subscription", settings.subscription().toLowerCase(java.util.Locale.ROOT));
    where.put("resource_group", settings.resourceGroup().toLowerCase(java.util.Locale.ROOT));
    where.put("location", settings.location().replace(" ", "").toLowerCase(java.util.Locale.ROOT));
    settings.endpoint().ifPresent(e -> where.put("endpoint", e.toString()));
    return Optional.of(CloudIdentity.of("azure", where));
  }

  ScaleSetId idOf(GroupRef ref) throws ProviderException {
    return ids.of(ref);
  }

  @Override
  public Map<String, ObservedGroup> read(Collection<GroupRef> refs) throws ProviderException {
    return reads.read(refs);
  }

  @Override
  public List<ObservedGroup> findOwned(String lineage) throws ProviderException {
    return reads.findOwned(lineage);
  }

  @Override
  public List<ObservedMachine> machines(GroupRef ref) throws ProviderException {
    List<ObservedMachine> out = machineReads.machines(List.of(ref)).get(ref);
    if (out == null) throw notFound(idOf(ref));
    return out;
  }

  /**
   * One look at every pool a step waits on, for the runtime's shared poller: one list of each
   * resource group's scale sets (never a GET per pool), and the machines from {@link MachineReads}:
   * for all Flexible pools of a resource group two VM lists, for a Uniform pool its instance list.
   * A tick of a hundred Flexible pools is three calls.
   */
  @Override
  public Observation observe(Collection<GroupRef> groups, Collection<GroupRef> withMachines)
      throws ProviderException {
    ScaleSetIds.Placement placed = ids.place(groups);
    Map<GroupRef, ScaleSetId> idByRef = placed.ids();
    // Writes accepted before this look began: what it reads was read after ARM accepted them.
    Map<String, List<PendingWrites.Pending>> before = pending.snapshot();
    Map<String, ObservedGroup> found = new HashMap<>();
    Map<String, List<VirtualMachineScaleSetInner>> listings = new HashMap<>();
    for (Map.Entry<String, List<GroupRef>> e : placed.byResourceGroup().entrySet()) {
      List<GroupRef> refs = e.getValue();
      List<ScaleSetId> about = placed.of(refs);
      List<VirtualMachineScaleSetInner> listed =
          reads.listing(about.get(0).resourceGroup(), about).scaleSets();
      listings.put(e.getKey(), listed);
      for (GroupRef r : refs) {
        ScaleSetReads.named(listed, idByRef.get(r))
            .filter(s -> !"Deleting".equalsIgnoreCase(s.provisioningState()))
            .ifPresent(s -> found.put(r.cloudId(), Observed.group(r.address(), s).withRef(r)));
      }
    }
    List<GroupRef> polled =
        withMachines.stream().filter(r -> found.containsKey(r.cloudId())).toList();
    Map<String, List<ObservedMachine>> machines = new HashMap<>();
    if (!polled.isEmpty()) {
      // The same moment as the groups: a write that ended since the listing makes no new one.
      machineReads.machines(polled, listings).forEach((r, ms) -> machines.put(r.cloudId(), ms));
    }
    Map<String, ProviderException> failures = new HashMap<>();
    for (GroupRef r : groups) {
      ScaleSetId id = idByRef.get(r);
      List<PendingWrites.Pending> writes = before.getOrDefault(ScaleSetReads.key(id), List.of());
      List<VirtualMachineScaleSetInner> listed =
          listings.get(id.resourceGroup().toLowerCase(Locale.ROOT));
      pending
          .settle(
              id,
              writes,
              ScaleSetReads.named(listed, id),
              Optional.ofNullable(machines.get(r.cloudId())))
          .ifPresent(f -> failures.put(r.cloudId(), f));
    }
    return new Observation(found, machines, failures);
  }

  /**
   * Waits for the operations of this session's writes that no look saw end (the engine has finished
   * with their pools; see {@link PendingWrites}).
   */
  @Override
  public void close() {
    pending.awaitAll();
  }

  @Override
  public boolean pollsInBatches() {
    return true;
  }

  /**
   * The machines of many pools in the fewest calls: one list of the resource group's scale sets,
   * one of its VMs and one of the subscription's VM statuses for all Flexible pools, one list per
   * Uniform pool ({@link MachineReads}). Pools whose scale set is gone are absent.
   */
  public Map<String, List<ObservedMachine>> machines(Collection<GroupRef> refs)
      throws ProviderException {
    Map<String, List<ObservedMachine>> out = new LinkedHashMap<>();
    machineReads.machines(refs).forEach((r, ms) -> out.put(r.address(), ms));
    return out;
  }

  @Override
  public GroupRef create(GroupSpec spec, CapacityRequest capacity, String idempotencyToken)
      throws ProviderException {
    ScaleSetId id = ids.of(spec);
    ScaleSetModel.requireSubnet(spec.pool().machine());
    writing(id);
    Optional<VirtualMachineScaleSetInner> existing = api.get(id);
    if (existing.isPresent() && "Deleting".equalsIgnoreCase(existing.get().provisioningState())) {
      // A delete of the same name is still running (e.g. an interrupted destroy): let it end.
      existing = api.awaitGone(id);
    }
    if (existing.isPresent()) {
      Optional<ProviderException> refused = refusal(existing.get(), id, spec.address(), lineage);
      if (refused.isPresent()) throw refused.get();
      if (!"Failed".equalsIgnoreCase(existing.get().provisioningState())) {
        // A create that was retried (or interrupted after ARM accepted it): it is there already.
        return new GroupRef(spec.address(), spec.name(), existing.get().id());
      }
    }
    // Never below min; with `desired = external` the autoscaler takes over from min.
    long initial = capacity.desired().orElse(capacity.min());
    Map<String, String> tags = PoolTags.withBounds(spec.tags(), capacity.min(), capacity.max());
    tags.put(ModelDigest.TAG, ModelDigest.of(spec.pool().machine()));
    VirtualMachineScaleSetInner created =
        api.put(
            id,
            ScaleSetModel.forCreate(
                id.name(),
                settings.location(),
                spec.pool().machine(),
                tags,
                initial,
                capacity.max(),
                sshKey()));
    reads.wrote(id);
    return new GroupRef(spec.address(), spec.name(), created.id() != null ? created.id() : id.id());
  }

  /**
   * A scale set of another configuration or pool (or of none) holds the name: the pool's create
   * refuses rather than adopt it.
   */
  private static Optional<ProviderException> refusal(
      VirtualMachineScaleSetInner existing, ScaleSetId id, String address, String lineage) {
    Map<String, String> tags = existing.tags() == null ? Map.of() : existing.tags();
    if (Ownership.samePool(tags, address, lineage)) return Optional.empty();
    return Optional.of(
        new ProviderException(
            Kind.OTHER,
            "AlreadyExists",
            "name",
            NameTaken.message(
                "A scale set named `" + id.name() + "`",
                " in resource group " + id.resourceGroup(),
                tags,
                lineage,
                address,
                id.id()),
            null));
  }

  /**
   * What {@link #create} refuses, read for a plan from the listing of the cloud block's resource
   * group that the plan's refresh made ({@link #findOwned}), or one list when that listing is older
   * than a tick. A scale set being deleted is no refusal: the create waits for it to go.
   */
  @Override
  public Map<String, ProviderException> createRefusals(Map<String, String> names, String lineage)
      throws ProviderException {
    List<VirtualMachineScaleSetInner> listed = reads.listing(settings.resourceGroup());
    Map<String, ProviderException> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : names.entrySet()) {
      ScaleSetId id = ids.named(e.getValue());
      ScaleSetReads.named(listed, id)
          .filter(s -> !"Deleting".equalsIgnoreCase(s.provisioningState()))
          .flatMap(s -> refusal(s, id, e.getKey(), lineage))
          .ifPresent(ex -> out.put(e.getKey(), ex));
    }
    return out;
  }

  private synchronized String sshKey() {
    if (sshKey == null) sshKey = SshKey.generate();
    return sshKey;
  }

  private Map<String, String> keepBounds(
      VirtualMachineScaleSetInner current, Map<String, String> tags) {
    Map<String, String> cur = current.tags() == null ? Map.of() : current.tags();
    Map<String, String> out = new java.util.TreeMap<>(tags);
    if (cur.containsKey(PoolTags.MIN)) out.put(PoolTags.MIN, cur.get(PoolTags.MIN));
    if (cur.containsKey(PoolTags.MAX)) out.put(PoolTags.MAX, cur.get(PoolTags.MAX));
    if (cur.containsKey(ModelDigest.TAG)) out.put(ModelDigest.TAG, cur.get(ModelDigest.TAG));
    if (cur.containsKey(FlexibleMachines.MODEL_SINCE))
      out.put(FlexibleMachines.MODEL_SINCE, cur.get(FlexibleMachines.MODEL_SINCE));
    return out;
  }

  /**
   * The scale set as a write must see it to keep what it does not own: from this tick's listing
   * when it was taken after this session's last write to it (the shared poller lists every tick),
   * else a GET. Taken before the write marks the scale set written.
   */
  private VirtualMachineScaleSetInner current(ScaleSetId id) throws ProviderException {
    Optional<VirtualMachineScaleSetInner> listed = reads.current(id);
    if (listed.isPresent()) return listed.get();
    return api.get(id).orElseThrow(() -> notFound(id));
  }

  @Override
  public void updateModel(GroupRef ref, GroupSpec spec) throws ProviderException {
    ScaleSetId id = idOf(ref);
    VirtualMachineScaleSetInner current = current(id);
    writing(id);
    Map<String, String> tags = keepBounds(current, spec.tags());
    tags.put(ModelDigest.TAG, ModelDigest.of(spec.pool().machine()));
    // Taken before the PATCH: a Flexible VM created after it runs the new model (FlexibleMachines).
    tags.put(FlexibleMachines.MODEL_SINCE, java.time.Instant.now().toString());
    VirtualMachineScaleSetUpdate update =
        ScaleSetModel.forModelUpdate(id.name(), spec.pool().machine(), tags, current);
    patch(id, update, "update the model of");
    Sizing after = Sizing.of(current).withTags(tags);
    if (update.sku() != null) after = after.withSku(update.sku().name(), update.sku().tier());
    reads.wroteAs(id, after);
  }

  /**
   * A PATCH that returns once ARM accepted it; its end is seen by the shared poller's next look
   * ({@link PendingWrites}).
   */
  private void patch(ScaleSetId id, VirtualMachineScaleSetUpdate update, String what)
      throws ProviderException {
    pending.add(
        id,
        api.patchAccepted(id, update, what),
        Set.of(),
        () -> api.patchAccepted(id, update, what));
  }

  /**
   * What a resize needs of the scale set: as the tick or this session's last write left it, else a
   * GET; with {@code needCapacity}, a GET also when that write could not say the capacity.
   */
  private Sizing sizing(ScaleSetId id, boolean needCapacity) throws ProviderException {
    Optional<Sizing> known = reads.sizing(id);
    if (known.isPresent() && (!needCapacity || known.get().capacity().isPresent()))
      return known.get();
    return Sizing.of(api.get(id).orElseThrow(() -> notFound(id)));
  }

  @Override
  public void updateMetadata(GroupRef ref, GroupSpec spec) throws ProviderException {
    ScaleSetId id = idOf(ref);
    VirtualMachineScaleSetInner current = current(id);
    writing(id);
    // Tags only: no SKU, no profile, so no instance falls behind the model.
    api.patch(
        id,
        new VirtualMachineScaleSetUpdate().withTags(keepBounds(current, spec.tags())),
        "update the tags of");
    reads.wrote(id);
  }

  @Override
  public void setCapacity(GroupRef ref, CapacityRequest capacity) throws ProviderException {
    ScaleSetId id = idOf(ref);
    // Under `desired = external` the capacity decides what is sent: it must be known.
    Sizing current = sizing(id, capacity.desired().isEmpty());
    Map<String, String> had = current.tags();
    Map<String, String> tags = PoolTags.withBounds(had, capacity.min(), capacity.max());
    VirtualMachineScaleSetUpdate update = new VirtualMachineScaleSetUpdate().withTags(tags);
    Optional<Long> known = current.capacity();
    long now = known.orElse(0L);
    // With `desired = external` the capacity is the autoscaler's; it is only pulled back inside
    // [min, max] when it lies outside (as an Auto Scaling group would do).
    long target =
        capacity.desired().orElse(Math.max(capacity.min(), Math.min(capacity.max(), now)));
    boolean leavePlacementGroup =
        !OrchestrationMode.FLEXIBLE.equals(current.mode())
            && capacity.max() > ScaleSetModel.SINGLE_PLACEMENT_GROUP_MAX
            && !Boolean.FALSE.equals(current.singlePlacementGroup());
    if (known.isPresent() && target == now && tags.equals(had) && !leavePlacementGroup) {
      // Nothing to change: a rollout's bounds are usually the pool's own, so widening them before
      // and restoring them after would be two PATCHes (and their operation polls) that change
      // nothing (docs/BENCHMARKS.md, Azure rollout call budget).
      return;
    }
    writing(id);
    if (leavePlacementGroup) {
      // More than one placement group's 100 machines: ARM allows the switch one way only.
      update.withSinglePlacementGroup(false);
    }
    if (known.isEmpty() || target != now) update.withSku(current.sku(target));
    patch(id, update, "resize");
    Sizing after = current.withTags(tags).withCapacity(Optional.of(target));
    reads.wroteAs(id, leavePlacementGroup ? after.withSinglePlacementGroup(false) : after);
  }

  @Override
  public void terminate(GroupRef ref, List<String> machineIds, boolean decrementDesired)
      throws ProviderException {
    if (machineIds.isEmpty()) return;
    ScaleSetId id = idOf(ref);
    if (decrementDesired) {
      // Nothing of the scale set is needed; what ARM left is read before the next resize, since
      // machines already gone shrink it by less than asked.
      Sizing before = reads.sizing(id).orElse(null);
      writing(id);
      pending.add(
          id,
          api.deleteInstancesAccepted(id, machineIds),
          Set.copyOf(machineIds),
          () -> api.deleteInstancesAccepted(id, machineIds));
      if (before == null) reads.wrote(id);
      else reads.wroteAs(id, before.withCapacity(Optional.empty()));
      return;
    }
    Sizing before = sizing(id, true);
    writing(id);
    api.deleteInstances(id, machineIds);
    // ARM shrinks the scale set by the instances deleted; raise it back so ARM replaces them.
    long capacity = before.capacity().orElse(0L);
    api.patch(
        id,
        new VirtualMachineScaleSetUpdate().withSku(before.sku(capacity)),
        "replace machines of");
    reads.wroteAs(id, before);
  }

  @Override
  public void delete(GroupRef ref) throws ProviderException {
    ScaleSetId id = idOf(ref);
    writing(id);
    api.delete(id);
    reads.wrote(id);
  }

  /**
   * Removes the ownership tags ({@code pool state rm}). A PATCH replaces the whole tag set, so the
   * scale set's other tags (labels, bounds, model digest) are sent back as they are.
   */
  @Override
  public void release(GroupRef ref) throws ProviderException {
    ScaleSetId id = idOf(ref);
    VirtualMachineScaleSetInner current = api.get(id).orElseThrow(() -> notFound(id));
    Map<String, String> tags =
        new java.util.TreeMap<>(current.tags() == null ? Map.of() : current.tags());
    if (!tags.containsKey(PoolTags.ADDRESS) && !tags.containsKey(PoolTags.LINEAGE)) return;
    tags.remove(PoolTags.ADDRESS);
    tags.remove(PoolTags.LINEAGE);
    api.patch(id, new VirtualMachineScaleSetUpdate().withTags(tags), "remove the Poolform tags of");
  }

  @Override
  public Optional<ObservedGroup> adopt(String cloudId) throws ProviderException {
    ScaleSetId id =
        ScaleSetId.parse(cloudId)
            .orElseThrow(
                () ->
                    new ProviderException(
                        Kind.INVALID_VALUE,
                        null,
                        null,
                        "`"
                            + cloudId
                            + "` is not a scale set resource id (/subscriptions/SUB/resourceGroups/RG/providers/"
                            + "Microsoft.Compute/virtualMachineScaleSets/NAME).",
                        null));
    idOf(new GroupRef("", id.name(), cloudId));
    return api.get(id).map(s -> Observed.group(null, s));
  }

  @Override
  public Optional<CloudRollouts> cloudRollouts() {
    return Optional.of(
        new AzureRollingUpgrades(
            this::idOf,
            ref ->
                machines(ref).stream()
                    .filter(
                        m ->
                            m.specHash().isEmpty()
                                && m.state() != ObservedMachine.MachineState.TERMINATING)
                    .count(),
            api));
  }

  /**
   * Each pool's latest rolling upgrade ({@link RollingUpgradeEvents}), newest first. ARM has no
   * batched read of rolling upgrades, so this is one {@code rollingUpgrades/latest} call per scale
   * set; only {@code pool status} pays for it.
   */
  @Override
  public List<CloudEvent> recentEvents(Collection<GroupRef> groups, java.time.Instant since)
      throws ProviderException {
    List<CloudEvent> out = new ArrayList<>();
    for (GroupRef ref : groups) {
      ScaleSetId id = idOf(ref);
      api.latestRollingUpgrade(id)
          .flatMap(info -> RollingUpgradeEvents.of(ref.cloudId(), info, since))
          .ifPresent(out::add);
    }
    out.sort(java.util.Comparator.comparing(CloudEvent::time).reversed());
    return out;
  }

  private static ProviderException notFound(ScaleSetId id) {
    return new ProviderException(
        Kind.NOT_FOUND,
        "ResourceNotFound",
        null,
        "scale set `"
            + id.name()
            + "` does not exist in resource group "
            + id.resourceGroup()
            + ".",
        null);
  }
}
