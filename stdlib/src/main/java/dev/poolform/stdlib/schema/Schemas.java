package dev.poolform.stdlib.schema;

import static dev.poolform.stdlib.schema.AttrSchema.optional;
import static dev.poolform.stdlib.schema.AttrSchema.required;

import dev.poolform.stdlib.schema.AttrSchema.Range;
import dev.poolform.stdlib.types.Type;
import dev.poolform.stdlib.value.BoolValue;
import dev.poolform.stdlib.value.DurationValue;
import dev.poolform.stdlib.value.IntValue;
import dev.poolform.stdlib.value.ListValue;
import dev.poolform.stdlib.value.PercentValue;
import dev.poolform.stdlib.value.StringValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The schemas of docs/language.md (the pool body, rollout, clouds and machines) as data. */
public final class Schemas {
  private Schemas() {}

  /** The cloud kinds, sorted. */
  public static final List<String> CLOUD_KINDS = List.of("aws", "azure", "local");

  private static final Type INT_OR_PERCENT = Type.union(Type.INT, Type.PERCENT);
  private static final Type STRINGS = Type.listOf(Type.STRING);

  // ---- portable pool body (docs/language.md#the-pool-body) ----------------------------------

  public static final BlockSchema CAPACITY =
      BlockSchema.builder("capacity", "How many machines: `min <= desired <= max`.")
          .required()
          .attr(
              required("min", Type.INT, "Fewest machines.")
                  .in(Range.atLeast(0))
                  .maps("aws", "group `MinSize`")
                  .maps("azure", "tag `poolform:min` (a scale set has no bounds of its own)"))
          .attr(
              required("max", Type.INT, "Most machines.")
                  .in(Range.atLeast(1))
                  .maps("aws", "group `MaxSize`")
                  .maps("azure", "tag `poolform:max` (a scale set has no bounds of its own)"))
          .attr(
              optional(
                      "desired",
                      Type.union(Type.INT, Type.EXTERNAL),
                      "Machines wanted now; `external` lets an autoscaler own the count; default `min`.")
                  .in(Range.atLeast(0))
                  .maps("aws", "group `DesiredCapacity`, never sent when `external`")
                  .maps("azure", "`sku.capacity`, never sent when `external`"))
          .build();

  public static final BlockSchema ROLLOUT =
      BlockSchema.builder("rollout", "How machines are replaced when the machine spec changes.")
          .attr(
              optional("max_surge", INT_OR_PERCENT, "Extra machines during a rollout.")
                  .withDefault(new IntValue(1))
                  .in(Range.atLeast(0))
                  .maps(
                      "aws",
                      "with `engine = \"cloud\"`, instance refresh `MaxHealthyPercentage` = 100 + max_surge% (at most"
                          + " 200)")
                  .maps(
                      "azure",
                      "with `engine = \"cloud\"`, rolling upgrade `maxSurge` = true and `maxBatchInstancePercent` ="
                          + " max_surge% (5 to 100)"))
          .attr(
              optional(
                      "max_unavailable",
                      INT_OR_PERCENT,
                      "Machines that may be out of service during a rollout.")
                  .withDefault(new IntValue(0))
                  .in(Range.atLeast(0))
                  .maps(
                      "aws",
                      "with `engine = \"cloud\"`, instance refresh `MinHealthyPercentage` = 100 - max_unavailable%")
                  .maps(
                      "azure",
                      "with `engine = \"cloud\"`, `maxBatchInstancePercent` when there is no surge; unused with surge"))
          .attr(
              optional(
                      "min_ready",
                      Type.DURATION,
                      "A new machine counts as available after this warm-up.")
                  .withDefault(new DurationValue(0))
                  .in(Range.atLeast(0))
                  .maps(
                      "aws",
                      "with `engine = \"cloud\"`, instance refresh `InstanceWarmup`, whole seconds")
                  .maps(
                      "azure",
                      "with `engine = \"cloud\"`, not applied: Azure waits for the health probe"))
          .attr(
              optional("pause", Type.DURATION, "Wait between batches.")
                  .withDefault(new DurationValue(0))
                  .in(Range.atLeast(0))
                  .maps(
                      "aws",
                      "with `engine = \"cloud\"`, `CheckpointPercentages` each followed by a `CheckpointDelay`")
                  .maps(
                      "azure",
                      "with `engine = \"cloud\"`, `pauseTimeBetweenBatches`, whole seconds"))
          .attr(
              optional("delete_order", Type.STRING, "Which old machines go first.")
                  .withDefault(new StringValue("oldest"))
                  .oneOf("oldest", "newest", "random")
                  .maps(
                      "aws",
                      "with `engine = \"cloud\"`, AWS chooses; anything but `oldest` applies only to scale-in")
                  .maps(
                      "azure",
                      "with `engine = \"cloud\"`, Azure chooses; anything but `oldest` applies only to scale-in"))
          .attr(
              optional("timeout", Type.DURATION, "An apply fails when a rollout takes longer.")
                  .withDefault(new DurationValue(30 * 60_000L))
                  .in(Range.atLeast(1000))
                  .maps(
                      "aws",
                      "with `engine = \"cloud\"`, Poolform cancels the refresh (`CancelInstanceRefresh`)")
                  .maps("azure", "with `engine = \"cloud\"`, Poolform cancels the rolling upgrade"))
          .attr(
              optional(
                      "auto_rollback",
                      Type.BOOL,
                      "Roll back to the previous spec when a rollout fails.")
                  .withDefault(BoolValue.FALSE)
                  .maps("aws", "with `engine = \"cloud\"`, instance refresh `AutoRollback`")
                  .maps(
                      "azure",
                      "with `engine = \"cloud\"`, `rollbackFailedInstancesOnPolicyBreach` (Uniform scale sets only)"))
          .attr(
              optional(
                      "alarms",
                      STRINGS,
                      "Alarms that fail the rollout when one goes off (`engine = \"cloud\"` on AWS only).")
                  .withDefault(ListValue.EMPTY)
                  .maps(
                      "aws",
                      "with `engine = \"cloud\"`, instance refresh `AlarmSpecification.Alarms` (CloudWatch alarm names, at most 10)")
                  .maps("azure", "not available (E0407)")
                  .maps("local", "not available (E0407)"))
          .attr(
              optional(
                      "engine",
                      Type.STRING,
                      "`poolform`: exact semantics on every cloud; `cloud`: the cloud's own rolling mechanism.")
                  .withDefault(new StringValue("poolform"))
                  .oneOf("poolform", "cloud")
                  .maps("aws", "`cloud`: an instance refresh (`StartInstanceRefresh`)")
                  .maps("azure", "`cloud`: a rolling upgrade (`rollingUpgradePolicy`)")
                  .maps("local", "both engines honour every setting exactly"))
          .build();

  public static final BlockSchema HEALTH =
      BlockSchema.builder(
              "health", "Replace machines that stay unhealthy (like a MachineHealthCheck).")
          .attr(
              optional("grace", Type.DURATION, "How long a machine may be unhealthy before repair.")
                  .withDefault(new DurationValue(10 * 60_000L))
                  .in(Range.atLeast(0)))
          .attr(
              optional(
                      "max_unhealthy",
                      INT_OR_PERCENT,
                      "No repair while more machines than this are unhealthy.")
                  .withDefault(new PercentValue(100))
                  .in(Range.atLeast(0)))
          .attr(
              optional("repair", Type.STRING, "What to do with an unhealthy machine.")
                  .withDefault(new StringValue("replace"))
                  .oneOf("replace", "none"))
          .build();

  public static final BlockSchema CAPI_BOOTSTRAP =
      BlockSchema.builder("bootstrap", "The Cluster API bootstrap config reference.")
          .attr(optional("kind", Type.STRING, "Bootstrap config kind, e.g. `KubeadmConfig`."))
          .attr(optional("name", Type.STRING, "Bootstrap config (template) name."))
          .attr(optional("api_version", Type.STRING, "Bootstrap config API version."))
          .attr(
              optional(
                  "data_secret", Type.STRING, "A secret that already holds the bootstrap data."))
          .build();

  public static final BlockSchema CAPI =
      BlockSchema.builder(
              "capi", "How `pool compile --emit capi` writes this pool as Cluster API objects.")
          .attr(optional("cluster", Type.STRING, "The Cluster API cluster name."))
          .attr(optional("namespace", Type.STRING, "The Kubernetes namespace."))
          .attr(optional("version", Type.STRING, "The Kubernetes version of the machines."))
          .attr(
              optional("kind", Type.STRING, "Which Cluster API object to write.")
                  .oneOf("MachinePool", "MachineDeployment"))
          .block(CAPI_BOOTSTRAP)
          .build();

  // ---- per-cloud machine blocks (docs/language.md#clouds-and-machines) ----------------------

  private static BlockSchema disk(String typeDoc, String... types) {
    return BlockSchema.builder("disk", "The OS disk.")
        .attr(
            optional("size", Type.BYTES, "Disk size, whole GiB.")
                .in(Range.between(1L << 30, 64L << 40)))
        .attr(optional("type", Type.STRING, typeDoc).oneOf(types))
        .build();
  }

  /**
   * The AWS root volume. {@code st1} and {@code sc1} stay in the type list so that the checker can
   * say why they cannot boot ({@code CloudRules.osDiskType}) instead of only listing the others.
   */
  private static BlockSchema awsDisk() {
    return BlockSchema.builder("disk", "The OS disk (the root volume of the image).")
        .attr(
            optional("size", Type.BYTES, "Disk size, whole GiB.")
                .in(Range.between(1L << 30, 64L << 40)))
        .attr(
            optional("type", Type.STRING, "Volume type.")
                .oneOf("gp2", "gp3", "io1", "io2", "st1", "sc1", "standard"))
        .attr(
            optional(
                    "iops",
                    Type.INT,
                    "Provisioned IOPS: required for io1 and io2, optional for gp3.")
                .in(Range.between(100, 256_000))
                .maps("aws", "`Iops` of the root volume's `BlockDeviceMappings` entry"))
        .build();
  }

  public static final BlockSchema AWS_MACHINE =
      BlockSchema.builder("machine", "The launch template of an AWS Auto Scaling group.")
          .required()
          .attr(
              required("size", Type.STRING, "Instance type, e.g. `m6i.large`.")
                  .maps("aws", "launch template `InstanceType`"))
          .attr(
              required("image", Type.STRING, "AMI id: `ami-` and 8 or 17 hex digits.")
                  .maps("aws", "launch template `ImageId`"))
          .attr(
              optional("subnets", STRINGS, "VPC subnet ids (or give `zones`).")
                  .maps("aws", "group `VPCZoneIdentifier`"))
          .attr(
              optional("zones", STRINGS, "Availability zones of the region (or give `subnets`).")
                  .maps("aws", "group `AvailabilityZones`"))
          .attr(
              optional("user_data", Type.STRING, "Cloud-init or script; sensitive.")
                  .maps("aws", "launch template `UserData` (base64)")
                  .asSensitive())
          .attr(
              optional("instance_types", STRINGS, "Instance types for a mixed instances policy.")
                  .maps("aws", "`MixedInstancesPolicy` overrides"))
          .block(awsDisk())
          .block(
              BlockSchema.builder("spot", "Spot instances (mixed instances policy).")
                  .attr(
                      optional("max_price", Type.NUMBER, "Highest hourly price in USD.")
                          .in(Range.atLeast(0.001)))
                  .attr(
                      optional("allocation", Type.STRING, "Spot allocation strategy.")
                          .oneOf(
                              "lowest-price",
                              "capacity-optimized",
                              "capacity-optimized-prioritized",
                              "price-capacity-optimized"))
                  .attr(
                      optional(
                              "on_demand_base", Type.INT, "On-demand machines before spot is used.")
                          .in(Range.atLeast(0)))
                  .attr(
                      optional(
                          "on_demand_percent", Type.PERCENT, "On-demand share above the base."))
                  .build())
          .build();

  public static final BlockSchema AZURE_MACHINE =
      BlockSchema.builder("machine", "The model of an Azure virtual machine scale set.")
          .required()
          .attr(
              required("size", Type.STRING, "VM SKU, e.g. `Standard_D2s_v5`.")
                  .maps("azure", "`sku.name`"))
          .attr(
              required(
                      "image",
                      Type.STRING,
                      "`publisher:offer:sku:version` or an image resource id.")
                  .maps("azure", "`storageProfile.imageReference`"))
          .attr(
              optional("zones", STRINGS, "Availability zones: \"1\", \"2\", \"3\".")
                  .maps("azure", "`zones` (immutable: a change replaces the pool)"))
          .attr(
              optional("orchestration", Type.STRING, "Scale set orchestration mode.")
                  .withDefault(new StringValue("flexible"))
                  .oneOf("uniform", "flexible")
                  .maps("azure", "`orchestrationMode` (immutable: a change replaces the pool)"))
          .attr(
              optional(
                      "subnet",
                      Type.STRING,
                      "Subnet resource id, /subscriptions/SUB/resourceGroups/RG/providers/Microsoft.Network/virtualNetworks/VNET/subnets/NAME;"
                          + " required unless the pool has a `capi` block (E0303).")
                  .maps(
                      "azure",
                      "`networkProfile`: one NIC with one IP configuration on it (a subnet in another virtual network replaces the pool)"))
          .attr(
              optional("user_data", Type.STRING, "Cloud-init or script; sensitive.")
                  .maps("azure", "`virtualMachineProfile.userData` (base64)")
                  .asSensitive())
          .block(
              // Ultra and Premium SSD v2 disks are data disks only
              // (https://learn.microsoft.com/azure/virtual-machines/disks-types).
              disk(
                  "OS disk type (Ultra and Premium SSD v2 disks are data disks only).",
                  "Standard_LRS",
                  "StandardSSD_LRS",
                  "StandardSSD_ZRS",
                  "Premium_LRS",
                  "Premium_ZRS"))
          .block(
              BlockSchema.builder("spot", "Spot priority.")
                  .attr(
                      optional(
                              "max_price",
                              Type.NUMBER,
                              "Highest hourly price in USD; -1 for the on-demand price.")
                          .in(Range.atLeast(-1)))
                  .attr(
                      optional("eviction", Type.STRING, "What eviction does to a machine.")
                          .oneOf("deallocate", "delete"))
                  .build())
          .block(
              BlockSchema.builder(
                      "health_probe",
                      "The endpoint the Application Health extension probes on every machine (needed by `engine = \"cloud\"`).")
                  .attr(
                      optional("protocol", Type.STRING, "Probe protocol.")
                          .withDefault(new StringValue("http"))
                          .oneOf("http", "https", "tcp"))
                  .attr(
                      required("port", Type.INT, "Port on the machine.")
                          .in(Range.between(1, 65535)))
                  .attr(optional("path", Type.STRING, "Request path (http and https)."))
                  .build())
          .build();

  public static final BlockSchema LOCAL_MACHINE =
      BlockSchema.builder("machine", "A machine of the simulated local cloud.")
          .required()
          .attr(required("size", Type.STRING, "Any size name."))
          .attr(required("image", Type.STRING, "Any image name."))
          .attr(optional("zones", STRINGS, "Any zone names."))
          // Accepted so that a template written for AWS or Azure can be tried locally: recorded in
          // the group's model (user data as its digest only), rolled out when they change, never
          // run.
          .attr(
              optional("user_data", Type.STRING, "Cloud-init or script; sensitive; recorded only.")
                  .asSensitive())
          .block(
              BlockSchema.builder("disk", "The OS disk; recorded only.")
                  .attr(
                      optional("size", Type.BYTES, "Disk size, whole GiB.")
                          .in(Range.between(1L << 30, 64L << 40)))
                  .attr(optional("type", Type.STRING, "Any disk type name."))
                  .build())
          .build();

  // ---- cloud blocks (docs/language.md#clouds-and-machines) ----------------------------------

  public static final BlockSchema AWS_CLOUD =
      BlockSchema.builder("aws", "An AWS account and region.")
          .attr(required("region", Type.STRING, "Region, e.g. `eu-west-1`."))
          .attr(optional("endpoint", Type.STRING, "Endpoint URL (an emulator)."))
          .attr(optional("profile", Type.STRING, "Shared credentials profile."))
          .build();

  public static final BlockSchema AZURE_CLOUD =
      BlockSchema.builder("azure", "An Azure subscription, resource group and location.")
          .attr(required("subscription", Type.STRING, "Subscription id."))
          .attr(required("resource_group", Type.STRING, "Resource group of the scale sets."))
          .attr(required("location", Type.STRING, "Location, e.g. `westeurope`."))
          .attr(optional("endpoint", Type.STRING, "Resource Manager endpoint URL (an emulator)."))
          .build();

  public static final BlockSchema LOCAL_CLOUD =
      BlockSchema.builder("local", "The built-in simulated cloud.")
          .attr(
              optional(
                  "region",
                  Type.STRING,
                  "The simulated region: a folder under `.poolform/local/` (default `default`)."))
          .attr(
              optional("boot_time", Type.DURATION, "How long a machine takes to boot.")
                  .in(Range.between(0, 3_600_000)))
          .attr(
              optional("fail_rate", Type.NUMBER, "Share of machines that fail to boot, 0 to 1.")
                  .in(Range.between(0, 1)))
          .attr(optional("seed", Type.INT, "Seed of the simulation's randomness."))
          .attr(
              optional("api_latency", Type.DURATION, "How long each call to the cloud takes.")
                  .in(Range.between(0, 60_000)))
          .build();

  private static final Map<String, BlockSchema> MACHINES =
      Map.of("aws", AWS_MACHINE, "azure", AZURE_MACHINE, "local", LOCAL_MACHINE);
  private static final Map<String, BlockSchema> CLOUDS =
      Map.of("aws", AWS_CLOUD, "azure", AZURE_CLOUD, "local", LOCAL_CLOUD);

  /** The machine block of a cloud kind. */
  public static Optional<BlockSchema> machine(String kind) {
    return Optional.ofNullable(MACHINES.get(kind));
  }

  /** The settings of a cloud kind. */
  public static Optional<BlockSchema> cloud(String kind) {
    return Optional.ofNullable(CLOUDS.get(kind));
  }

  /** The whole pool body for pools on a cloud of this kind. */
  public static BlockSchema pool(String kind) {
    return POOLS.get(kind);
  }

  /**
   * The pool body without a machine schema: what every cloud shares. Used for templates and for
   * pools whose cloud is unknown (already reported), so their other errors still show.
   */
  public static final BlockSchema PORTABLE_POOL = poolBody(null);

  private static final Map<String, BlockSchema> POOLS =
      Map.of(
          "aws",
          poolBody(AWS_MACHINE),
          "azure",
          poolBody(AZURE_MACHINE),
          "local",
          poolBody(LOCAL_MACHINE));

  private static BlockSchema poolBody(BlockSchema machine) {
    BlockSchema.Builder b =
        BlockSchema.builder("pool", "A pool of identical machines.").block(CAPACITY);
    if (machine != null) b.block(machine);
    return b.block(ROLLOUT)
        .block(HEALTH)
        .attr(
            optional("labels", Type.mapOf(Type.STRING), "Tags on every cloud resource of the pool.")
                .maps(
                    "aws",
                    "group tags with `PropagateAtLaunch` and the template's `TagSpecifications`")
                .maps("azure", "scale set tags"))
        .attr(optional("after", STRINGS, "Names of pools whose changes must finish first."))
        .block(CAPI)
        .build();
  }
}
