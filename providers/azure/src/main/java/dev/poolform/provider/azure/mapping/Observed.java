package dev.poolform.provider.azure.mapping;

import com.azure.resourcemanager.compute.fluent.models.VirtualMachineScaleSetInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineScaleSetVMInner;
import com.azure.resourcemanager.compute.models.InstanceViewStatus;
import com.azure.resourcemanager.compute.models.OrchestrationMode;
import com.azure.resourcemanager.compute.models.VirtualMachinePriorityTypes;
import com.azure.resourcemanager.compute.models.VirtualMachineScaleSetVMProfile;
import dev.poolform.runtime.provider.GroupRef;
import dev.poolform.runtime.provider.ObservedGroup;
import dev.poolform.runtime.provider.ObservedMachine;
import dev.poolform.runtime.provider.ObservedMachine.MachineState;
import dev.poolform.stdlib.value.BytesValue;
import dev.poolform.stdlib.value.ListValue;
import dev.poolform.stdlib.value.MapValue;
import dev.poolform.stdlib.value.NumberValue;
import dev.poolform.stdlib.value.StringValue;
import dev.poolform.stdlib.value.Value;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What ARM returns, in the engine's terms.
 *
 * <p>A machine's generation: ARM reports per instance whether it runs the scale set's current model
 * ({@code latestModelApplied}). Such an instance carries the scale set's {@code
 * poolform:spec-hash}; any other is reported without a hash, so the engine counts it as old. Tags
 * and capacity are not part of the model, so label-only changes and scaling never make a machine
 * old.
 */
public final class Observed {
  private Observed() {}

  public static ObservedGroup group(String address, VirtualMachineScaleSetInner s) {
    Map<String, String> tags = s.tags() == null ? Map.of() : s.tags();
    long desired = s.sku() == null || s.sku().capacity() == null ? 0 : s.sku().capacity();
    long min = PoolTags.number(tags, PoolTags.MIN).orElse(desired);
    long max = PoolTags.number(tags, PoolTags.MAX).orElse(Math.max(desired, min));
    String addr = address != null ? address : tags.getOrDefault(PoolTags.ADDRESS, "");
    return new ObservedGroup(
        new GroupRef(addr, s.name(), s.id()),
        min,
        max,
        desired,
        specHash(s, tags),
        machine(s),
        tags,
        // A list carries no instances; the capacity is what ARM is converging to.
        (int) desired,
        Optional.empty());
  }

  /**
   * The scale set's spec hash: its {@code poolform:spec-hash} tag, unless the model was changed
   * outside Poolform since (see {@link ModelDigest}); then a hash that matches no configuration.
   */
  static Optional<String> specHash(VirtualMachineScaleSetInner s, Map<String, String> tags) {
    String written = tags.get(ModelDigest.TAG);
    if (written != null) {
      String now = ModelDigest.of(s, written);
      if (!now.equals(written)) return Optional.of("changed-outside-poolform:" + now);
    }
    return Optional.ofNullable(tags.get(PoolTags.SPEC_HASH));
  }

  /** The machine attributes ARM reads back (user data is never returned by a list). */
  static MapValue machine(VirtualMachineScaleSetInner s) {
    Map<String, Value> m = new TreeMap<>();
    if (s.sku() != null && s.sku().name() != null) m.put("size", new StringValue(s.sku().name()));
    m.put(
        "orchestration",
        new StringValue(
            OrchestrationMode.FLEXIBLE.equals(s.orchestrationMode()) ? "flexible" : "uniform"));
    if (s.zones() != null && !s.zones().isEmpty()) {
      m.put("zones", new ListValue(s.zones().stream().<Value>map(StringValue::new).toList()));
    }
    VirtualMachineScaleSetVMProfile p = s.virtualMachineProfile();
    if (p != null) {
      if (p.storageProfile() != null && p.storageProfile().imageReference() != null) {
        m.put("image", new StringValue(ImageRef.text(p.storageProfile().imageReference())));
      }
      if (p.storageProfile() != null && p.storageProfile().osDisk() != null) {
        var d = p.storageProfile().osDisk();
        Map<String, Value> disk = new TreeMap<>();
        if (d.diskSizeGB() != null) disk.put("size", new BytesValue(((long) d.diskSizeGB()) << 30));
        if (d.managedDisk() != null && d.managedDisk().storageAccountType() != null) {
          disk.put("type", new StringValue(d.managedDisk().storageAccountType().toString()));
        }
        if (!disk.isEmpty()) m.put("disk", MapValue.of(disk));
      }
      if (p.networkProfile() != null
          && p.networkProfile().networkInterfaceConfigurations() != null) {
        for (var nic : p.networkProfile().networkInterfaceConfigurations()) {
          if (nic.ipConfigurations() == null) continue;
          for (var ip : nic.ipConfigurations()) {
            if (ip.subnet() != null && ip.subnet().id() != null)
              m.putIfAbsent("subnet", new StringValue(ip.subnet().id()));
          }
        }
      }
      if (VirtualMachinePriorityTypes.SPOT.equals(p.priority())) {
        Map<String, Value> spot = new TreeMap<>();
        if (p.evictionPolicy() != null)
          spot.put(
              "eviction", new StringValue(p.evictionPolicy().toString().toLowerCase(Locale.ROOT)));
        if (p.billingProfile() != null && p.billingProfile().maxPrice() != null) {
          spot.put("max_price", new NumberValue(p.billingProfile().maxPrice()));
        }
        m.put("spot", MapValue.of(spot));
      }
    }
    return MapValue.of(m);
  }

  /**
   * A Uniform scale set's instance (the VMSS-VM API), current when ARM says {@code
   * latestModelApplied}.
   */
  public static ObservedMachine machine(
      VirtualMachineScaleSetVMInner vm, Optional<String> currentSpecHash, boolean probed) {
    boolean current = Boolean.TRUE.equals(vm.latestModelApplied());
    var view = vm.instanceView();
    return machine(
        vm.instanceId(),
        vm.provisioningState(),
        view == null ? null : view.statuses(),
        view == null || view.vmHealth() == null ? null : view.vmHealth().status(),
        probed,
        vm.timeCreated(),
        vm.zones(),
        current ? currentSpecHash : Optional.empty());
  }

  /**
   * A machine from what both APIs report: the provisioning state, the instance view's {@code
   * ProvisioningState/...} (its time is when the machine became healthy) and {@code PowerState/...}
   * statuses, the creation time and the zone. When the scale set has the Application Health
   * extension ({@code probed}), a running machine is healthy only once the extension reports it so
   * ({@code vmHealth} {@code HealthState/healthy}, since that status's time); {@code unhealthy} and
   * {@code unknown} make it unhealthy (since then), and {@code initializing} or no report yet leave
   * it running, not yet healthy.
   */
  static ObservedMachine machine(
      String id,
      String provisioningState,
      List<InstanceViewStatus> statuses,
      InstanceViewStatus health,
      boolean probed,
      OffsetDateTime created,
      List<String> zones,
      Optional<String> specHash) {
    String ps = provisioningState == null ? "" : provisioningState;
    Optional<Instant> succeededAt = Optional.empty();
    // No power state reported reads as running: the model alone says nothing against it.
    String power = "running";
    if (statuses != null) {
      for (InstanceViewStatus st : statuses) {
        if (st.code() == null) continue;
        if (st.code().equalsIgnoreCase("ProvisioningState/succeeded") && st.time() != null) {
          succeededAt = Optional.of(st.time().toInstant());
        }
        if (st.code().startsWith("PowerState/")) {
          power = st.code().substring("PowerState/".length()).toLowerCase(Locale.ROOT);
        }
      }
    }
    MachineState state =
        switch (ps) {
          case "Creating" -> MachineState.PENDING;
          case "Updating" -> MachineState.RUNNING;
          // A VM still starting is booting, not broken: the model and the instance view are read
          // in separate calls, so a machine can show Succeeded with the power state of a moment
          // before. Only a stopped or deallocated one is unhealthy.
          case "Succeeded" ->
              switch (power) {
                case "running" -> MachineState.HEALTHY;
                case "starting" -> MachineState.RUNNING;
                default -> MachineState.UNHEALTHY;
              };
          case "Failed" -> MachineState.FAILED;
          case "Deleting" -> MachineState.TERMINATING;
          default -> MachineState.PENDING;
        };
    Instant launchedAt = created != null ? created.toInstant() : Instant.EPOCH;
    Optional<Instant> unhealthySince = Optional.empty();
    if (state == MachineState.HEALTHY && probed) {
      String code =
          health == null || health.code() == null ? "" : health.code().toLowerCase(Locale.ROOT);
      Optional<Instant> at =
          Optional.ofNullable(health == null ? null : health.time()).map(OffsetDateTime::toInstant);
      switch (code) {
        case "healthstate/healthy" -> succeededAt = at.or(() -> Optional.of(launchedAt));
        case "healthstate/unhealthy", "healthstate/unknown" -> {
          state = MachineState.UNHEALTHY;
          unhealthySince = at;
        }
        default -> state = MachineState.RUNNING;
      }
    }
    Optional<Instant> healthySince =
        state == MachineState.HEALTHY
            ? succeededAt.or(() -> Optional.of(launchedAt))
            : Optional.empty();
    return new ObservedMachine(
        id,
        zones == null || zones.isEmpty() ? Optional.empty() : Optional.of(zones.get(0)),
        specHash,
        state,
        launchedAt,
        healthySince,
        unhealthySince);
  }
}
