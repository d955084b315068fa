package dev.poolform.provider.azure.mapping;

import com.azure.resourcemanager.compute.fluent.models.VirtualMachineScaleSetInner;
import com.azure.resourcemanager.compute.models.OrchestrationMode;
import com.azure.resourcemanager.compute.models.VirtualMachinePriorityTypes;
import com.azure.resourcemanager.compute.models.VirtualMachineScaleSetVMProfile;
import dev.poolform.stdlib.value.MapValue;
import dev.poolform.stdlib.value.SecretValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A digest of the model attributes ARM reads back (size, image, orchestration, zones, subnet, OS
 * disk size and type, Spot), computed the same way from the pool's machine block when Poolform
 * writes the model and from ARM's answer when it reads it. Kept in the {@code
 * poolform:model-digest} tag: when the two disagree, someone changed the model outside Poolform,
 * and the scale set is reported with a spec hash that matches nothing, which the engine shows as
 * drift. User data is not part of it: ARM never returns it in a list.
 *
 * <p>ARM reports defaults for what nobody set (an OS disk type, for one). So only the attributes
 * the pool sets are digested, and the tag says which: {@code v2:<fields>:<digest>}, where each
 * letter of {@code <fields>} names one ({@link #FIELDS}). A tag without that prefix (written
 * before) covers every attribute.
 */
public final class ModelDigest {
  public static final String TAG = "poolform:model-digest";

  /** The digested attributes, by letter, in digest order. */
  static final String FIELDS = "siozndtp";

  private static final String PREFIX = "v2:";

  private ModelDigest() {}

  /** The tag value for a pool's machine block. */
  public static String of(MapValue machine) {
    Map<Character, String> f = new LinkedHashMap<>();
    f.put('s', machine.string("size").orElse(""));
    f.put('i', ImageRef.text(ImageRef.toReference(machine.string("image").orElse(""))));
    f.put('o', ScaleSetModel.flexible(machine) ? "flexible" : "uniform");
    machine
        .strings("zones")
        .filter(z -> !z.isEmpty())
        .ifPresent(z -> f.put('z', String.join(",", z.stream().sorted().toList())));
    ScaleSetModel.subnet(machine).ifPresent(s -> f.put('n', s.toLowerCase(Locale.ROOT)));
    var disk = machine.map("disk");
    disk.flatMap(d -> d.bytes("size"))
        .ifPresent(b -> f.put('d', Integer.toString(ScaleSetModel.gib(b))));
    disk.flatMap(d -> d.string("type")).ifPresent(t -> f.put('t', t.toLowerCase(Locale.ROOT)));
    f.put(
        'p',
        machine
            .map("spot")
            .map(
                s ->
                    "spot/"
                        + s.string("eviction").orElse("deallocate")
                        + "/"
                        + price(s.number("max_price").orElse(-1.0)))
            .orElse("regular"));
    StringBuilder letters = new StringBuilder();
    f.keySet().forEach(letters::append);
    return PREFIX + letters + ":" + digest(new ArrayList<>(f.values()));
  }

  /**
   * Whether ARM's answer still matches a tag written by {@link #of(MapValue)}: the same attributes
   * digested the same way; those the tag does not cover are ARM's to choose.
   *
   * @return the digest of ARM's answer over the tag's attributes, to compare with the tag's
   */
  public static String of(VirtualMachineScaleSetInner s, String tag) {
    String fields = FIELDS;
    if (tag.startsWith(PREFIX)) {
      int colon = tag.indexOf(':', PREFIX.length());
      fields = colon < 0 ? FIELDS : tag.substring(PREFIX.length(), colon);
    }
    Map<Character, String> all = fields(s);
    List<String> f = new ArrayList<>();
    for (char c : fields.toCharArray()) f.add(all.getOrDefault(c, ""));
    String d = digest(f);
    return tag.startsWith(PREFIX) ? PREFIX + fields + ":" + d : d;
  }

  /** Every digested attribute of ARM's answer, by letter. */
  private static Map<Character, String> fields(VirtualMachineScaleSetInner s) {
    Map<Character, String> f = new LinkedHashMap<>();
    f.put('s', s.sku() == null || s.sku().name() == null ? "" : s.sku().name());
    VirtualMachineScaleSetVMProfile p = s.virtualMachineProfile();
    var storage = p == null ? null : p.storageProfile();
    f.put('i', storage == null ? "" : ImageRef.text(storage.imageReference()));
    f.put('o', OrchestrationMode.FLEXIBLE.equals(s.orchestrationMode()) ? "flexible" : "uniform");
    f.put(
        'z',
        String.join(",", s.zones() == null ? List.of() : s.zones().stream().sorted().toList()));
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
    f.put('n', subnet.toLowerCase(Locale.ROOT));
    var os = storage == null ? null : storage.osDisk();
    f.put('d', os == null || os.diskSizeGB() == null ? "" : Integer.toString(os.diskSizeGB()));
    f.put(
        't',
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
      f.put('p', "spot/" + eviction + "/" + price(price));
    } else {
      f.put('p', "regular");
    }
    return f;
  }

  private static String price(double d) {
    return String.format(Locale.ROOT, "%.5f", d);
  }

  private static String digest(List<String> fields) {
    return SecretValue.sha256Hex(String.join("\n", fields)).substring(0, 16);
  }
}
