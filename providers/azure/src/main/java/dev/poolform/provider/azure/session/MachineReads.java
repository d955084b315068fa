package dev.poolform.provider.azure.session;

import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineScaleSetInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineScaleSetVMInner;
import com.azure.resourcemanager.compute.models.OrchestrationMode;
import dev.poolform.provider.azure.connect.ScaleSetApi;
import dev.poolform.provider.azure.mapping.FlexibleMachines;
import dev.poolform.provider.azure.mapping.HealthProbe;
import dev.poolform.provider.azure.mapping.Observed;
import dev.poolform.provider.azure.mapping.PoolTags;
import dev.poolform.provider.azure.mapping.ScaleSetId;
import dev.poolform.runtime.provider.GroupRef;
import dev.poolform.runtime.provider.ObservedMachine;
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
 * The machines of many pools in one go. Flexible scale sets' machines are VM resources, so one list
 * of the resource group's VMs (their models) and one subscription-wide list of run-time status
 * ({@code VirtualMachines_ListAll} with {@code statusOnly=true}) serve every Flexible pool at once;
 * a Uniform scale set's instances can only be listed per scale set. The scale sets themselves come
 * from {@link ScaleSetReads#listing}, shared with the group reads of the same tick. Reads are kept
 * for one tick ({@code POOLFORM_AZURE_READ_TICK_MS}), so the pools an engine polls side by side
 * share them; a write of this session ends the tick early for the scale set it wrote to.
 *
 * <p>The status list is at subscription scope. An identity whose role is on the resource group only
 * is refused it (403, a CONFIGURATION error); the session then lists each Flexible scale set's VMs
 * with their instance view instead (one call per pool and tick), for the rest of its life.
 */
final class MachineReads {
  private final ScaleSetApi api;
  private final ScaleSetIds ids;
  private final ScaleSetReads reads;

  /**
   * The VM lists of one resource group, taken at one moment; {@code statusById} (the status list's
   * entries, by lower-case id) is null when the subscription's status list is refused (each scale
   * set's VMs are then listed with their view). {@code modelById} are the models, by lower-case id,
   * which a later look may keep (see {@link #keptModels}).
   */
  private record Vms(
      long at,
      Map<String, List<VirtualMachineInner>> byScaleSet,
      Map<String, VirtualMachineInner> statusById,
      Map<String, VirtualMachineInner> modelById) {}

  /** Whether ARM refused this identity the subscription-wide status list. */
  private boolean statusListRefused;

  private final Map<String, Vms> vms = new HashMap<>();
  private final Map<String, Uniform> uniform = new HashMap<>();

  /**
   * A Uniform scale set's instances, when they were listed, the scale set as the listing of that
   * moment showed it (its JSON), and whether it was settled then ({@link #settled}).
   */
  private record Uniform(
      long at, List<VirtualMachineScaleSetVMInner> instances, String scaleSet, boolean settled) {}

  /**
   * The longest a settled Uniform scale set's instances are kept across looks, in read ticks (10 s
   * at the default tick of 2 s): what no listing of the scale set shows (a machine stopped or
   * reimaged from outside) is seen within this time.
   */
  static final int SETTLED_KEEP_TICKS = 5;

  private final Map<String, Flexible> flexibleViews = new HashMap<>();

  private record Flexible(long at, List<VirtualMachineInner> vms) {}

  MachineReads(ScaleSetApi api, ScaleSetIds ids, ScaleSetReads reads) {
    this.api = api;
    this.ids = ids;
    this.reads = reads;
  }

  /**
   * The machines of each pool whose scale set exists, by ref (a replace has two scale sets under
   * one address). One call reads each list at most once, however long it takes: each resource
   * group's lists are made fresh for all its pools at the call's start (this tick's, if taken after
   * this session's last write to every one of them, else new), and a write that ends while the call
   * runs does not make it list again. The pools of one call see one moment; a pool written
   * meanwhile is read again by the next call (the runtime's poller serves a step only a look that
   * began after its write ended, so a second list within the call would serve nobody).
   *
   * @throws ProviderException when a read fails after its retries
   */
  synchronized Map<GroupRef, List<ObservedMachine>> machines(Collection<GroupRef> refs)
      throws ProviderException {
    return machines(refs, Map.of());
  }

  /**
   * As {@link #machines(Collection)}, with {@code given}: resource groups' scale set listings the
   * caller already took for this moment (by lower-case name); the others are listed here.
   */
  synchronized Map<GroupRef, List<ObservedMachine>> machines(
      Collection<GroupRef> refs, Map<String, List<VirtualMachineScaleSetInner>> given)
      throws ProviderException {
    ScaleSetIds.Placement placed = ids.place(refs);
    Map<String, List<VirtualMachineScaleSetInner>> listed = new HashMap<>(given);
    for (Map.Entry<String, List<GroupRef>> e : placed.byResourceGroup().entrySet()) {
      if (!listed.containsKey(e.getKey())) {
        List<ScaleSetId> about = placed.of(e.getValue());
        listed.put(e.getKey(), reads.listing(about.get(0).resourceGroup(), about).scaleSets());
      }
    }
    Map<String, Vms> flexibleVms = new HashMap<>();
    Map<GroupRef, List<ObservedMachine>> out = new LinkedHashMap<>();
    for (Map.Entry<GroupRef, ScaleSetId> e : placed.ids().entrySet()) {
      GroupRef ref = e.getKey();
      ScaleSetId id = e.getValue();
      String group = id.resourceGroup().toLowerCase(Locale.ROOT);
      Optional<VirtualMachineScaleSetInner> s = ScaleSetReads.named(listed.get(group), id);
      if (s.isEmpty()) continue;
      Optional<String> hash =
          Optional.ofNullable(
              s.get().tags() == null ? null : s.get().tags().get(PoolTags.SPEC_HASH));
      List<ObservedMachine> machines = new ArrayList<>();
      if (OrchestrationMode.FLEXIBLE.equals(s.get().orchestrationMode())) {
        Vms v = flexibleVms.get(group);
        if (v == null) {
          v = flexible(id.resourceGroup(), placed.of(placed.byResourceGroup().get(group)));
          flexibleVms.put(group, v);
        }
        if (v.statusById() == null) {
          for (VirtualMachineInner vm : flexibleWithViews(id))
            machines.add(FlexibleMachines.machine(vm, s.get(), hash));
          out.put(ref, machines);
          continue;
        }
        for (VirtualMachineInner vm :
            v.byScaleSet().getOrDefault(id.id().toLowerCase(Locale.ROOT), List.of())) {
          VirtualMachineInner status =
              vm.id() == null ? null : v.statusById().get(vm.id().toLowerCase(Locale.ROOT));
          machines.add(FlexibleMachines.machine(vm, status, s.get(), hash));
        }
      } else {
        boolean probed = HealthProbe.installed(s.get());
        for (VirtualMachineScaleSetVMInner vm : uniform(id, s.get(), hash, probed))
          machines.add(Observed.machine(vm, hash, probed));
      }
      out.put(ref, machines);
    }
    return out;
  }

  /**
   * The VM lists of a resource group: this tick's, if they still serve every one of {@code about},
   * or new. A new look reads the status list, and the model list only when {@link #keptModels}
   * cannot vouch for the models of the last look.
   */
  private Vms flexible(String resourceGroup, List<ScaleSetId> about) throws ProviderException {
    String key = resourceGroup.toLowerCase(Locale.ROOT);
    Vms v = vms.get(key);
    if (v != null && reads.serves(v.at(), resourceGroup, about)) return v;
    Map<String, VirtualMachineInner> statuses = null;
    if (!statusListRefused) {
      try {
        List<VirtualMachineInner> listed = api.virtualMachineStatuses();
        statuses = new HashMap<>();
        for (VirtualMachineInner vm : listed) {
          if (vm.id() != null) statuses.put(vm.id().toLowerCase(Locale.ROOT), vm);
        }
      } catch (ProviderException e) {
        if (e.kind() != ProviderException.Kind.CONFIGURATION) throw e;
        statusListRefused = true;
      }
    }
    Map<String, VirtualMachineInner> models = new LinkedHashMap<>();
    if (statuses != null) {
      Optional<Map<String, VirtualMachineInner>> kept = keptModels(resourceGroup, v, statuses);
      if (kept.isPresent()) {
        models = kept.get();
      } else {
        for (VirtualMachineInner vm : api.virtualMachinesInGroup(resourceGroup)) {
          if (vm.id() != null) models.put(vm.id().toLowerCase(Locale.ROOT), vm);
        }
      }
    }
    Map<String, List<VirtualMachineInner>> byScaleSet = new HashMap<>();
    for (VirtualMachineInner vm : models.values()) {
      if (vm.virtualMachineScaleSet() == null || vm.virtualMachineScaleSet().id() == null) continue;
      byScaleSet
          .computeIfAbsent(
              vm.virtualMachineScaleSet().id().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(vm);
    }
    v = new Vms(System.nanoTime(), byScaleSet, statuses, models);
    vms.put(key, v);
    return v;
  }

  /**
   * The last look's models of a resource group's VMs, when the status list just read shows no VM of
   * the group they lack: a VM's size, image, disk, priority, scale set and creation time never
   * change after it is created (a scale set's model change reaches only new VMs on Flexible), and
   * what does change (the provisioning state, the power state, health) comes from the status list.
   * VMs the status list no longer shows are dropped (deleted). Empty, so the models are listed
   * again, when a VM is new, or when the status list carries no provisioning state for a VM whose
   * kept model was still in a passing state ({@code Creating}, {@code Updating}, {@code Deleting}):
   * the status list's contents beyond the instance view are not published.
   */
  private static Optional<Map<String, VirtualMachineInner>> keptModels(
      String resourceGroup, Vms last, Map<String, VirtualMachineInner> statuses) {
    if (last == null || last.statusById() == null) return Optional.empty();
    String scope = "/resourcegroups/" + resourceGroup.toLowerCase(Locale.ROOT) + "/";
    for (Map.Entry<String, VirtualMachineInner> e : statuses.entrySet()) {
      if (!e.getKey().contains(scope)) continue;
      VirtualMachineInner model = last.modelById().get(e.getKey());
      if (model == null) return Optional.empty();
      if (e.getValue().provisioningState() == null
          && !"Succeeded".equalsIgnoreCase(model.provisioningState())
          && !"Failed".equalsIgnoreCase(model.provisioningState())) {
        return Optional.empty();
      }
    }
    // In the last listing's order, which ARM chose.
    Map<String, VirtualMachineInner> kept = new LinkedHashMap<>();
    last.modelById()
        .forEach(
            (id, model) -> {
              if (statuses.containsKey(id)) kept.put(id, model);
            });
    return Optional.of(kept);
  }

  /** One Flexible scale set's VMs with their instance view, kept for a tick. */
  private List<VirtualMachineInner> flexibleWithViews(ScaleSetId id) throws ProviderException {
    String key = ScaleSetReads.key(id);
    Flexible f = flexibleViews.get(key);
    if (f != null && reads.serves(f.at(), id.resourceGroup(), List.of(id))) return f.vms();
    f = new Flexible(System.nanoTime(), api.virtualMachines(id));
    flexibleViews.put(key, f);
    return f.vms();
  }

  /**
   * A Uniform scale set's instances: this tick's list, or the last one while the scale set is
   * settled, or a new list. Settled means: when the instances were last listed, the scale set was
   * {@code Succeeded} with as many instances as its capacity, every one of them running, and had no
   * Application Health extension (whose reports change at any moment and show in no listing of the
   * scale set); this session has not written to it since; the listing just taken shows it exactly
   * as then (same JSON: capacity, model, tags, state); and the list is younger than {@link
   * #SETTLED_KEEP_TICKS} read ticks. Nothing else ARM shows can have changed then: a capacity
   * change, a model change, an instance deleted (ARM lowers the capacity) and any write change the
   * scale set's listing. The pools a rollout still watches after their own rollout ended list
   * nothing.
   */
  private List<VirtualMachineScaleSetVMInner> uniform(
      ScaleSetId id, VirtualMachineScaleSetInner listed, Optional<String> hash, boolean probed)
      throws ProviderException {
    String key = ScaleSetReads.key(id);
    Uniform u = uniform.get(key);
    if (u != null && reads.serves(u.at(), id.resourceGroup(), List.of(id))) return u.instances();
    String asListed = json(listed);
    if (u != null
        && u.settled()
        && System.nanoTime() - u.at() < SETTLED_KEEP_TICKS * reads.tickNanos()
        && !reads.writtenSince(id, u.at())
        && asListed != null
        && asListed.equals(u.scaleSet())) {
      return u.instances();
    }
    long at = System.nanoTime();
    List<VirtualMachineScaleSetVMInner> instances = api.instances(id);
    uniform.put(
        key, new Uniform(at, instances, asListed, settled(listed, instances, hash, probed)));
    return instances;
  }

  private static boolean settled(
      VirtualMachineScaleSetInner s,
      List<VirtualMachineScaleSetVMInner> instances,
      Optional<String> hash,
      boolean probed) {
    if (probed
        || !"Succeeded".equalsIgnoreCase(s.provisioningState())
        || s.sku() == null
        || s.sku().capacity() == null
        || s.sku().capacity() != instances.size()) {
      return false;
    }
    for (VirtualMachineScaleSetVMInner vm : instances) {
      if (Observed.machine(vm, hash, probed).state() != ObservedMachine.MachineState.HEALTHY)
        return false;
    }
    return true;
  }

  /** The scale set as ARM listed it; null (nothing is kept) when it cannot be written. */
  private static String json(VirtualMachineScaleSetInner s) {
    try {
      return s.toJsonString();
    } catch (java.io.IOException | RuntimeException e) {
      return null;
    }
  }
}
