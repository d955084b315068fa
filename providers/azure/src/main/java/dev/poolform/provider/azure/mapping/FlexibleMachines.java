package dev.poolform.provider.azure.mapping;

import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInstanceViewInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineScaleSetInner;
import com.azure.resourcemanager.compute.models.VirtualMachinePriorityTypes;
import dev.poolform.runtime.provider.ObservedMachine;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The machines of a Flexible scale set, which ARM serves as standalone VM resources (the Virtual
 * Machines API, filtered by {@code virtualMachineScaleSet/id}); the VMSS-VM API and its {@code
 * latestModelApplied} are Uniform only.
 *
 * <p>Which VMs run the current model is therefore decided here, from two facts: the VM was built
 * from the scale set's current size, image, OS disk and priority (what a VM resource reports of its
 * model), and it was created after the last model change Poolform made ({@value #MODEL_SINCE},
 * written with every model PATCH). The second catches what a VM does not report back, user data
 * above all. It compares ARM's {@code timeCreated} with Poolform's clock: a client clock ahead of
 * ARM's only makes a VM created just after a model change look old (it is replaced once more); one
 * behind ARM's by d makes VMs created in the d before the change look current if their size, image,
 * disk and priority match.
 */
public final class FlexibleMachines {
  /** When Poolform last changed the scale set's model (ISO-8601, Poolform's clock). */
  public static final String MODEL_SINCE = "poolform:model-since";

  private FlexibleMachines() {}

  public static ObservedMachine machine(
      VirtualMachineInner vm,
      VirtualMachineScaleSetInner scaleSet,
      Optional<String> currentSpecHash) {
    return machine(vm, vm.provisioningState(), vm.instanceView(), scaleSet, currentSpecHash);
  }

  /**
   * A VM whose model and run-time status came from different lists: {@code status} is the status
   * list's entry (null when that list did not have it yet); its provisioning state, when it carries
   * one, is newer than the model's (a model may be kept from an earlier look).
   */
  public static ObservedMachine machine(
      VirtualMachineInner vm,
      VirtualMachineInner status,
      VirtualMachineScaleSetInner scaleSet,
      Optional<String> currentSpecHash) {
    VirtualMachineInstanceViewInner view = status == null ? null : status.instanceView();
    String provisioning =
        status != null && status.provisioningState() != null
            ? status.provisioningState()
            : vm.provisioningState();
    return machine(vm, provisioning, view, scaleSet, currentSpecHash);
  }

  private static ObservedMachine machine(
      VirtualMachineInner vm,
      String provisioningState,
      VirtualMachineInstanceViewInner view,
      VirtualMachineScaleSetInner scaleSet,
      Optional<String> currentSpecHash) {
    boolean current = current(vm, scaleSet);
    return Observed.machine(
        vm.name(),
        provisioningState,
        view == null ? null : view.statuses(),
        view == null || view.vmHealth() == null ? null : view.vmHealth().status(),
        HealthProbe.installed(scaleSet),
        vm.timeCreated(),
        vm.zones(),
        current ? currentSpecHash : Optional.empty());
  }

  static boolean current(VirtualMachineInner vm, VirtualMachineScaleSetInner s) {
    Map<String, String> tags = s.tags() == null ? Map.of() : s.tags();
    Optional<Instant> since = instant(tags.get(MODEL_SINCE));
    if (since.isPresent()
        && (vm.timeCreated() == null || vm.timeCreated().toInstant().isBefore(since.get()))) {
      return false;
    }
    var profile = s.virtualMachineProfile();
    String size = s.sku() == null ? null : s.sku().name();
    String vmSize =
        vm.hardwareProfile() == null || vm.hardwareProfile().vmSize() == null
            ? null
            : vm.hardwareProfile().vmSize().toString();
    if (size != null && !size.equalsIgnoreCase(vmSize)) return false;
    var storage = profile == null ? null : profile.storageProfile();
    var vmStorage = vm.storageProfile();
    if (storage != null && storage.imageReference() != null) {
      String image = ImageRef.text(storage.imageReference());
      String vmImage = vmStorage == null ? "" : ImageRef.text(vmStorage.imageReference());
      if (!image.equalsIgnoreCase(vmImage)) return false;
    }
    var disk = storage == null ? null : storage.osDisk();
    var vmDisk = vmStorage == null ? null : vmStorage.osDisk();
    if (disk != null
        && disk.diskSizeGB() != null
        && (vmDisk == null || !Objects.equals(disk.diskSizeGB(), vmDisk.diskSizeGB()))) {
      return false;
    }
    if (disk != null
        && disk.managedDisk() != null
        && disk.managedDisk().storageAccountType() != null) {
      String type = disk.managedDisk().storageAccountType().toString().toLowerCase(Locale.ROOT);
      String vmType =
          vmDisk == null
                  || vmDisk.managedDisk() == null
                  || vmDisk.managedDisk().storageAccountType() == null
              ? ""
              : vmDisk.managedDisk().storageAccountType().toString().toLowerCase(Locale.ROOT);
      if (!type.equals(vmType)) return false;
    }
    boolean spot = profile != null && VirtualMachinePriorityTypes.SPOT.equals(profile.priority());
    return spot == VirtualMachinePriorityTypes.SPOT.equals(vm.priority());
  }

  private static Optional<Instant> instant(String text) {
    if (text == null) return Optional.empty();
    try {
      return Optional.of(Instant.parse(text));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
