package dev.poolform.provider.azure.session;

import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInstanceViewInner;
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
 * share them; this session's writes end the tick early for their resource group.
 */
final class MachineReads {
  private final ScaleSetApi api;
  private final ScaleSetIds ids;
  private final ScaleSetReads reads;
  private final long tickNanos;

  /** The VM lists of one resource group, taken at one moment. */
  private record Vms(
      long at,
      Map<String, List<VirtualMachineInner>> byScaleSet,
      Map<String, VirtualMachineInstanceViewInner> statusById) {}

  private final Map<String, Vms> vms = new HashMap<>();
  private final Map<String, Uniform> uniform = new HashMap<>();

  private record Uniform(long at, List<VirtualMachineScaleSetVMInner> instances) {}

  MachineReads(ScaleSetApi api, ScaleSetIds ids, ScaleSetReads reads, long tickMillis) {
    this.api = api;
    this.ids = ids;
    this.reads = reads;
    this.tickNanos = tickMillis * 1_000_000;
  }

  /** This session wrote to a scale set of the group: read its machines afresh. */
  synchronized void invalidate(String resourceGroup) {
    vms.remove(resourceGroup.toLowerCase(Locale.ROOT));
    uniform.keySet().removeIf(k -> k.startsWith(resourceGroup.toLowerCase(Locale.ROOT) + "/"));
  }

  /**
   * The machines of each pool whose scale set exists, by address. One call reads each list at most
   * once, however long it takes (a tick may end while it runs): the pools of one call see one
   * moment.
   *
   * @throws ProviderException when a read fails after its retries
   */
  synchronized Map<String, List<ObservedMachine>> machines(Collection<GroupRef> refs)
      throws ProviderException {
    Map<String, List<ObservedMachine>> out = new LinkedHashMap<>();
    Map<String, List<VirtualMachineScaleSetInner>> listed = new HashMap<>();
    Map<String, Vms> flexibleVms = new HashMap<>();
    for (GroupRef ref : refs) {
      ScaleSetId id = ids.of(ref);
      String group = id.resourceGroup().toLowerCase(Locale.ROOT);
      List<VirtualMachineScaleSetInner> sets = listed.get(group);
      if (sets == null) {
        sets = reads.listing(id.resourceGroup());
        listed.put(group, sets);
      }
      Optional<VirtualMachineScaleSetInner> s = ScaleSetReads.named(sets, id);
      if (s.isEmpty()) continue;
      Optional<String> hash =
          Optional.ofNullable(
              s.get().tags() == null ? null : s.get().tags().get(PoolTags.SPEC_HASH));
      List<ObservedMachine> machines = new ArrayList<>();
      if (OrchestrationMode.FLEXIBLE.equals(s.get().orchestrationMode())) {
        Vms v = flexibleVms.get(group);
        if (v == null) {
          v = flexible(id.resourceGroup());
          flexibleVms.put(group, v);
        }
        for (VirtualMachineInner vm :
            v.byScaleSet().getOrDefault(id.id().toLowerCase(Locale.ROOT), List.of())) {
          VirtualMachineInstanceViewInner view =
              vm.id() == null ? null : v.statusById().get(vm.id().toLowerCase(Locale.ROOT));
          machines.add(FlexibleMachines.machine(vm, view, s.get(), hash));
        }
      } else {
        boolean probed = HealthProbe.installed(s.get());
        for (VirtualMachineScaleSetVMInner vm : uniform(id))
          machines.add(Observed.machine(vm, hash, probed));
      }
      out.put(ref.address(), machines);
    }
    return out;
  }

  private Vms flexible(String resourceGroup) throws ProviderException {
    String key = resourceGroup.toLowerCase(Locale.ROOT);
    Vms v = vms.get(key);
    if (v != null && System.nanoTime() - v.at() < tickNanos) return v;
    Map<String, List<VirtualMachineInner>> byScaleSet = new HashMap<>();
    for (VirtualMachineInner vm : api.virtualMachinesInGroup(resourceGroup)) {
      if (vm.virtualMachineScaleSet() == null || vm.virtualMachineScaleSet().id() == null) continue;
      byScaleSet
          .computeIfAbsent(
              vm.virtualMachineScaleSet().id().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(vm);
    }
    Map<String, VirtualMachineInstanceViewInner> statuses = new HashMap<>();
    for (VirtualMachineInner vm : api.virtualMachineStatuses()) {
      if (vm.id() != null && vm.instanceView() != null)
        statuses.put(vm.id().toLowerCase(Locale.ROOT), vm.instanceView());
    }
    v = new Vms(System.nanoTime(), byScaleSet, statuses);
    vms.put(key, v);
    return v;
  }

  private List<VirtualMachineScaleSetVMInner> uniform(ScaleSetId id) throws ProviderException {
    String key = (id.resourceGroup() + "/" + id.name()).toLowerCase(Locale.ROOT);
    Uniform u = uniform.get(key);
    if (u != null && System.nanoTime() - u.at() < tickNanos) return u.instances();
    u = new Uniform(System.nanoTime(), api.instances(id));
    uniform.put(key, u);
    return u.instances();
  }
}
