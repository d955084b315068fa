package dev.poolform.provider.azure.mapping;

import com.azure.resourcemanager.compute.fluent.models.VirtualMachineScaleSetInner;
import com.azure.resourcemanager.compute.models.OrchestrationMode;
import com.azure.resourcemanager.compute.models.VirtualMachinePriorityTypes;
import com.azure.resourcemanager.compute.models.VirtualMachineScaleSetVMProfile;
import dev.poolform.stdlib.value.MapValue;
import dev.poolform.stdlib.value.SecretValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A digest of the model attributes ARM reads back (size, image, orchestration, zones, subnet, OS
 * disk, Spot), computed the same way from the pool's machine block when Poolform writes the model
 * and from ARM's answer when it reads it. Kept in the {@code poolform:model-digest} tag: when the
 * two disagree, someone changed the model outside Poolform, and the scale set is reported with a
 * spec hash that matches nothing, which the engine shows as drift. User data is not part of it: ARM
 * never returns it in a list.
 */
public final class ModelDigest {
  public static final String TAG = "poolform:model-digest";

  private ModelDigest() {}

  public static String of(MapValue machine) {
    List<String> f = new ArrayList<>();
    f.add(machine.string("size").orElse(""));
    f.add(ImageRef.text(ImageRef.toReference(machine.string("image").orElse(""))));
    f.add(ScaleSetModel.flexible(machine) ? "flexible" : "uniform");
    f.add(String.join(",", machine.strings("zones").orElse(List.of()).stream().sorted().toList()));
    f.add(ScaleSetModel.subnet(machine).orElse("").toLowerCase(Locale.ROOT));
    var disk = machine.map("disk");
    f.add(
        disk.flatMap(d -> d.bytes("size"))
            .map(b -> Integer.toString(ScaleSetModel.gib(b)))
            .orElse(""));
    f.add(disk.flatMap(d -> d.string("type")).orElse("").toLowerCase(Locale.ROOT));
    f.add(
        machine
            .map("spot")
            .map(
                s ->
                    "spot/"
                        + s.string("eviction").orElse("deallocate")
                        + "/"
                        + price(s.number("max_price").orElse(-1.0)))
            .orElse("regular"));
    return digest(f);
  }

  public static String of(VirtualMachineScaleSetInner s) {
    List<String> f = new ArrayList<>();
    f.add(s.sku() == null || s.sku().name() == null ? "" : s.sku().name());
    VirtualMachineScaleSetVMProfile p = s.virtualMachineProfile();
    var storage = p == null ? null : p.storageProfile();
    f.add(storage == null ? "" : ImageRef.text(storage.imageReference()));
    f.add(OrchestrationMode.FLEXIBLE.equals(s.orchestrationMode()) ? "flexible" : "uniform");
    f.add(String.join(",", s.zones() == null ? List.of() : s.zones().stream().sorted().toList()));
    String subnet = "";
    if (p != null
        && p.networkProfile() != null
        && p.networkProfile().networkInterfaceConfigurations() != null) {
      for (var nic : p.networkProfile().networkInterfaceConfigurations()) {
        if (nic.ipConfigurations() == null) continue;
        for (var ip : nic.ipConfigurations()) {
          if (subnet.isEmpty() && ip.subnet() != null && ip.subnet().id() != null)
            subnet = ip.subnet().id();
        }
      }
    }
    f.add(subnet.toLowerCase(Locale.ROOT));
    var os = storage == null ? null : storage.osDisk();
    f.add(os == null || os.diskSizeGB() == null ? "" : Integer.toString(os.diskSizeGB()));
    f.add(
        os == null || os.managedDisk() == null || os.managedDisk().storageAccountType() == null
            ? ""
            : os.managedDisk().storageAccountType().toString().toLowerCase(Locale.ROOT));
    if (p != null && VirtualMachinePriorityTypes.SPOT.equals(p.priority())) {
      String eviction =
          p.evictionPolicy() == null
              ? "deallocate"
              : p.evictionPolicy().toString().toLowerCase(Locale.ROOT);
      double price =
          p.billingProfile() == null || p.billingProfile().maxPrice() == null
              ? -1
              : p.billingProfile().maxPrice();
      f.add("spot/" + eviction + "/" + price(price));
    } else {
      f.add("regular");
    }
    return digest(f);
  }

  private static String price(double d) {
    return String.format(Locale.ROOT, "%.5f", d);
  }

  private static String digest(List<String> fields) {
    return SecretValue.sha256Hex(String.join("\n", fields)).substring(0, 16);
  }
}
