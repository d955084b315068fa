package dev.poolform.provider.azure.mapping;

import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineScaleSetInner;
import com.azure.resourcemanager.compute.models.ApiEntityReference;
import com.azure.resourcemanager.compute.models.BillingProfile;
import com.azure.resourcemanager.compute.models.CachingTypes;
import com.azure.resourcemanager.compute.models.DiskCreateOptionTypes;
import com.azure.resourcemanager.compute.models.LinuxConfiguration;
import com.azure.resourcemanager.compute.models.NetworkApiVersion;
import com.azure.resourcemanager.compute.models.OrchestrationMode;
import com.azure.resourcemanager.compute.models.Sku;
import com.azure.resourcemanager.compute.models.SshConfiguration;
import com.azure.resourcemanager.compute.models.SshPublicKey;
import com.azure.resourcemanager.compute.models.StorageAccountTypes;
import com.azure.resourcemanager.compute.models.UpgradeMode;
import com.azure.resourcemanager.compute.models.UpgradePolicy;
import com.azure.resourcemanager.compute.models.VirtualMachineEvictionPolicyTypes;
import com.azure.resourcemanager.compute.models.VirtualMachinePriorityTypes;
import com.azure.resourcemanager.compute.models.VirtualMachineScaleSetIpConfiguration;
import com.azure.resourcemanager.compute.models.VirtualMachineScaleSetManagedDiskParameters;
import com.azure.resourcemanager.compute.models.VirtualMachineScaleSetNetworkConfiguration;
import com.azure.resourcemanager.compute.models.VirtualMachineScaleSetNetworkProfile;
import com.azure.resourcemanager.compute.models.VirtualMachineScaleSetOSDisk;
import com.azure.resourcemanager.compute.models.VirtualMachineScaleSetOSProfile;
import com.azure.resourcemanager.compute.models.VirtualMachineScaleSetStorageProfile;
import com.azure.resourcemanager.compute.models.VirtualMachineScaleSetUpdate;
import com.azure.resourcemanager.compute.models.VirtualMachineScaleSetUpdateNetworkProfile;
import com.azure.resourcemanager.compute.models.VirtualMachineScaleSetUpdateOSDisk;
import com.azure.resourcemanager.compute.models.VirtualMachineScaleSetUpdateStorageProfile;
import com.azure.resourcemanager.compute.models.VirtualMachineScaleSetUpdateVMProfile;
import com.azure.resourcemanager.compute.models.VirtualMachineScaleSetVMProfile;
import dev.poolform.runtime.provider.ProviderException;
import dev.poolform.stdlib.value.MapValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The scale set model of a pool's {@code machine} block (docs/providers/azure.md#mapping):
 *
 * <pre>
 * size            sku.name (tier Standard)
 * image           storageProfile.imageReference: publisher/offer/sku/version, or id
 * zones           zones
 * orchestration   orchestrationMode Flexible (default; platformFaultDomainCount 1) | Uniform
 * subnet          networkProfile: one primary NIC, one IP configuration on that subnet (required)
 * user_data       virtualMachineProfile.userData, base64 (state keeps a hash only)
 * disk.size/type  storageProfile.osDisk.diskSizeGB / managedDisk.storageAccountType
 * spot            priority Spot, evictionPolicy, billingProfile.maxPrice
 * health_probe    extensionProfile: the Application Health extension (see {@link HealthProbe})
 * </pre>
 *
 * Capacity is {@code sku.capacity}, set only when the pool owns it. Upgrades are Manual: Poolform's
 * engine replaces machines itself unless {@code rollout.engine = "cloud"}, which switches the
 * policy to Rolling when a rollout starts.
 */
public final class ScaleSetModel {
  static final String ADMIN = "azureuser";

  /**
   * A Uniform scale set in one placement group (ARM's default) holds at most 100 machines
   * (https://learn.microsoft.com/azure/virtual-machine-scale-sets/virtual-machine-scale-sets-placement-groups):
   * a pool whose {@code max} is larger is created, or switched, to several placement groups.
   */
  public static final int SINGLE_PLACEMENT_GROUP_MAX = 100;

  private ScaleSetModel() {}

  public static boolean flexible(MapValue machine) {
    return !machine.string("orchestration").orElse("flexible").equalsIgnoreCase("uniform");
  }

  /** The full resource for the create PUT. */
  public static VirtualMachineScaleSetInner forCreate(
      String name,
      String location,
      MapValue machine,
      Map<String, String> tags,
      long capacity,
      long max,
      String sshPublicKey) {
    boolean flexible = flexible(machine);
    VirtualMachineScaleSetVMProfile profile =
        new VirtualMachineScaleSetVMProfile()
            .withOsProfile(osProfile(name, sshPublicKey))
            .withStorageProfile(
                new VirtualMachineScaleSetStorageProfile()
                    .withImageReference(ImageRef.toReference(machine.string("image").orElse("")))
                    .withOsDisk(osDisk(machine)))
            .withUserData(userData(machine));
    HealthProbe.extensionProfile(machine).ifPresent(profile::withExtensionProfile);
    subnet(machine)
        .ifPresent(subnet -> profile.withNetworkProfile(networkProfile(name, subnet, flexible)));
    machine.map("spot").ifPresent(spot -> spot(profile, spot));
    VirtualMachineScaleSetInner inner =
        new VirtualMachineScaleSetInner()
            .withSku(
                new Sku()
                    .withName(machine.string("size").orElse(""))
                    .withTier("Standard")
                    .withCapacity(capacity))
            .withOrchestrationMode(
                flexible ? OrchestrationMode.FLEXIBLE : OrchestrationMode.UNIFORM)
            .withUpgradePolicy(new UpgradePolicy().withMode(UpgradeMode.MANUAL))
            .withVirtualMachineProfile(profile);
    machine.strings("zones").filter(z -> !z.isEmpty()).ifPresent(inner::withZones);
    if (flexible) {
      inner.withPlatformFaultDomainCount(1);
    } else {
      // Poolform counts machines exactly: no extra machines that are deleted later.
      inner.withOverprovision(false);
      if (max > SINGLE_PLACEMENT_GROUP_MAX) inner.withSinglePlacementGroup(false);
    }
    inner.withLocation(location);
    inner.withTags(tags);
    return inner;
  }

  /** Linux with SSH key login only: Poolform never sets or stores a password. */
  private static VirtualMachineScaleSetOSProfile osProfile(String name, String sshPublicKey) {
    return new VirtualMachineScaleSetOSProfile()
        .withComputerNamePrefix(computerNamePrefix(name))
        .withAdminUsername(ADMIN)
        .withLinuxConfiguration(
            new LinuxConfiguration()
                .withDisablePasswordAuthentication(true)
                .withSsh(
                    new SshConfiguration()
                        .withPublicKeys(
                            List.of(
                                new SshPublicKey()
                                    .withPath("/home/" + ADMIN + "/.ssh/authorized_keys")
                                    .withKeyData(sshPublicKey)))));
  }

  /** One NIC on the subnet; Flexible scale sets need a network API version, Uniform ones none. */
  private static VirtualMachineScaleSetNetworkProfile networkProfile(
      String name, String subnet, boolean flexible) {
    return new VirtualMachineScaleSetNetworkProfile()
        .withNetworkApiVersion(
            flexible ? NetworkApiVersion.TWO_ZERO_TWO_ZERO_ONE_ONE_ZERO_ONE : null)
        .withNetworkInterfaceConfigurations(
            List.of(
                new VirtualMachineScaleSetNetworkConfiguration()
                    .withName(nicName(name))
                    .withPrimary(true)
                    .withIpConfigurations(
                        List.of(
                            new VirtualMachineScaleSetIpConfiguration()
                                .withName(nicName(name))
                                .withSubnet(new ApiEntityReference().withId(subnet))))));
  }

  /** Spot priority; a max price of -1 means "up to the on-demand price", as in ARM. */
  private static void spot(VirtualMachineScaleSetVMProfile profile, MapValue spot) {
    profile.withPriority(VirtualMachinePriorityTypes.SPOT);
    profile.withEvictionPolicy(
        spot.string("eviction").orElse("deallocate").equals("delete")
            ? VirtualMachineEvictionPolicyTypes.DELETE
            : VirtualMachineEvictionPolicyTypes.DEALLOCATE);
    profile.withBillingProfile(
        new BillingProfile().withMaxPrice(spot.number("max_price").orElse(-1.0)));
  }

  /**
   * The PATCH of a model change: SKU name (not capacity), image, OS disk, user data, subnet, Spot
   * price, the extensions (others' kept, see {@link HealthProbe#extensions}), tags, and the upgrade
   * policy Manual. Existing machines keep their model ({@code latestModelApplied = false}) until
   * replaced.
   */
  public static VirtualMachineScaleSetUpdate forModelUpdate(
      String name,
      MapValue machine,
      Map<String, String> tags,
      VirtualMachineScaleSetInner current) {
    VirtualMachineScaleSetUpdateOSDisk disk = new VirtualMachineScaleSetUpdateOSDisk();
    diskSizeGib(machine).ifPresent(disk::withDiskSizeGB);
    managedDisk(machine).ifPresent(disk::withManagedDisk);
    VirtualMachineScaleSetUpdateVMProfile profile =
        new VirtualMachineScaleSetUpdateVMProfile()
            .withStorageProfile(
                new VirtualMachineScaleSetUpdateStorageProfile()
                    .withImageReference(ImageRef.toReference(machine.string("image").orElse("")))
                    .withOsDisk(disk))
            .withUserData(userData(machine));
    HealthProbe.extensions(current, machine).ifPresent(profile::withExtensionProfile);
    subnet(machine)
        .ifPresent(
            subnet ->
                profile.withNetworkProfile(updateNetworkProfile(name, subnet, flexible(machine))));
    machine
        .map("spot")
        .flatMap(s -> s.number("max_price"))
        .ifPresent(p -> profile.withBillingProfile(new BillingProfile().withMaxPrice(p)));
    // Manual: writing the model replaces no machine, whatever an earlier `engine = "cloud"`
    // rollout left the policy at (AzureRollingUpgrades switches it to Rolling to roll).
    return new VirtualMachineScaleSetUpdate()
        .withSku(new Sku().withName(machine.string("size").orElse("")).withTier("Standard"))
        .withUpgradePolicy(new UpgradePolicy().withMode(UpgradeMode.MANUAL))
        .withVirtualMachineProfile(profile)
        .withTags(tags);
  }

  /**
   * The same NIC as {@link #networkProfile}, in the PATCH's types. ARM's REST spec gives the PUT's
   * and the PATCH's network profile the same JSON, so the create's profile is read back as the
   * PATCH's: the NIC is stated once.
   */
  private static VirtualMachineScaleSetUpdateNetworkProfile updateNetworkProfile(
      String name, String subnet, boolean flexible) {
    try (JsonReader json =
        JsonProviders.createReader(networkProfile(name, subnet, flexible).toJsonString())) {
      return VirtualMachineScaleSetUpdateNetworkProfile.fromJson(json);
    } catch (IOException e) {
      // In-memory JSON the SDK just wrote: reading it back fails only on an SDK defect.
      throw new UncheckedIOException(e);
    }
  }

  private static VirtualMachineScaleSetOSDisk osDisk(MapValue machine) {
    VirtualMachineScaleSetOSDisk disk =
        new VirtualMachineScaleSetOSDisk()
            .withCreateOption(DiskCreateOptionTypes.FROM_IMAGE)
            .withCaching(CachingTypes.READ_WRITE);
    diskSizeGib(machine).ifPresent(disk::withDiskSizeGB);
    managedDisk(machine).ifPresent(disk::withManagedDisk);
    return disk;
  }

  /** {@code disk.size}, in whole GiB rounded up: the OS disk's size in the create and the PATCH. */
  private static Optional<Integer> diskSizeGib(MapValue machine) {
    return machine.map("disk").flatMap(d -> d.bytes("size")).map(ScaleSetModel::gib);
  }

  /** {@code disk.type}: the OS disk's storage account type in the create and the PATCH. */
  private static Optional<VirtualMachineScaleSetManagedDiskParameters> managedDisk(
      MapValue machine) {
    return machine
        .map("disk")
        .flatMap(d -> d.string("type"))
        .map(
            t ->
                new VirtualMachineScaleSetManagedDiskParameters()
                    .withStorageAccountType(StorageAccountTypes.fromString(t)));
  }

  static int gib(long bytes) {
    return (int) Math.max(1, (bytes + (1L << 30) - 1) >> 30);
  }

  static Optional<String> subnet(MapValue machine) {
    return machine.string("subnet").filter(s -> !s.isBlank());
  }

  /**
   * ARM refuses a scale set whose VMs have no network interface ({@code
   * VMScaleSetNetworkProfileHasNoNetworkInterfaceConfigs}), and Poolform creates no network of its
   * own: a pool without a subnet is refused before any call (the compiler says so first, E0303,
   * except for a pool with a {@code capi} block, which CAPZ would place in the cluster's subnet).
   */
  public static void requireSubnet(MapValue machine) throws ProviderException {
    if (subnet(machine).isEmpty()) {
      throw new ProviderException(
          ProviderException.Kind.INVALID_VALUE,
          null,
          "machine.subnet",
          "an Azure pool needs `machine.subnet`: a scale set's machines need a network interface"
              + " on an existing subnet (ARM refuses the scale set otherwise), and Poolform creates"
              + " no virtual network of its own.",
          null);
    }
  }

  /** Base64 of the clear text, as ARM wants it; null when there is none. */
  static String userData(MapValue machine) {
    return machine
        .string("user_data")
        .map(u -> Base64.getEncoder().encodeToString(u.getBytes(StandardCharsets.UTF_8)))
        .orElse(null);
  }

  /**
   * Linux computer names: letters, digits and hyphens; the prefix is at most 15 characters here.
   */
  static String computerNamePrefix(String name) {
    String p = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-").replaceAll("^-+", "");
    if (p.isEmpty()) p = "pool";
    return p.length() > 15 ? p.substring(0, 15) : p;
  }

  static String nicName(String name) {
    String n = name + "-nic";
    return n.length() > 80 ? n.substring(0, 80) : n;
  }
}
