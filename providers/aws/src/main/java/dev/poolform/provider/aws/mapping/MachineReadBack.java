package dev.poolform.provider.aws.mapping;

import dev.poolform.stdlib.value.BytesValue;
import dev.poolform.stdlib.value.IntValue;
import dev.poolform.stdlib.value.ListValue;
import dev.poolform.stdlib.value.MapValue;
import dev.poolform.stdlib.value.NumberValue;
import dev.poolform.stdlib.value.PercentValue;
import dev.poolform.stdlib.value.SecretValue;
import dev.poolform.stdlib.value.StringValue;
import dev.poolform.stdlib.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.InstancesDistribution;
import software.amazon.awssdk.services.autoscaling.model.MixedInstancesPolicy;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.ResponseLaunchTemplateData;

/**
 * The way back: a group and its pinned template version as machine attributes in the IR's shape, so
 * the planner can compare them with the last applied spec (drift). Only what AWS reports is
 * returned; user data comes back as a {@link SecretValue}, so only its digest is ever compared or
 * shown.
 */
public final class MachineReadBack {
  private MachineReadBack() {}

  /**
   * @param rootDevice the root device of the version's image ({@code RootDeviceName}), if EC2 knows
   *     the image: only a mapping for it is the machine's {@code disk}
   */
  public static MapValue of(
      AutoScalingGroup group,
      Optional<ResponseLaunchTemplateData> data,
      Optional<String> rootDevice) {
    Map<String, Value> m = new TreeMap<>();
    data.ifPresent(d -> template(d, m, rootDevice.orElse(TemplateData.DEFAULT_ROOT_DEVICE)));
    if (group.vpcZoneIdentifier() != null && !group.vpcZoneIdentifier().isBlank()) {
      m.put("subnets", strings(Arrays.asList(group.vpcZoneIdentifier().split(","))));
    } else if (group.hasAvailabilityZones() && !group.availabilityZones().isEmpty()) {
      m.put("zones", strings(group.availabilityZones()));
    }
    var mixed = group.mixedInstancesPolicy();
    if (mixed != null && mixed.launchTemplate() != null) mixedInstances(mixed, m);
    return MapValue.of(m);
  }

  /** What the launch template version holds: image, size, user data, root disk. */
  private static void template(ResponseLaunchTemplateData d, Map<String, Value> m, String root) {
    if (d.imageId() != null) m.put("image", new StringValue(d.imageId()));
    if (d.instanceTypeAsString() != null) m.put("size", new StringValue(d.instanceTypeAsString()));
    if (d.userData() != null && !d.userData().isEmpty()) {
      m.put("user_data", new SecretValue(decode(d.userData())));
    }
    d.blockDeviceMappings().stream()
        .filter(x -> root.equals(x.deviceName()) && x.ebs() != null)
        .findFirst()
        .ifPresent(
            x -> {
              Map<String, Value> disk = new TreeMap<>();
              if (x.ebs().volumeSize() != null) {
                disk.put("size", new BytesValue(x.ebs().volumeSize() * TemplateData.GIB));
              }
              if (x.ebs().volumeTypeAsString() != null) {
                disk.put("type", new StringValue(x.ebs().volumeTypeAsString()));
              }
              if (x.ebs().iops() != null) disk.put("iops", new IntValue(x.ebs().iops()));
              m.put("disk", MapValue.of(disk));
            });
  }

  /**
   * A mixed instances policy: its instance types (left out when Spot runs just the template's size,
   * as Poolform writes a Spot pool without {@code instance_types}) and its Spot settings.
   */
  private static void mixedInstances(MixedInstancesPolicy mixed, Map<String, Value> m) {
    List<String> types =
        mixed.launchTemplate().overrides().stream()
            .map(o -> o.instanceType())
            .filter(t -> t != null)
            .toList();
    var dist = mixed.instancesDistribution();
    boolean spot =
        dist != null
            && (dist.onDemandPercentageAboveBaseCapacity() == null
                || dist.onDemandPercentageAboveBaseCapacity() < 100
                || dist.spotMaxPrice() != null);
    Value size = m.get("size");
    boolean typesAreJustSize =
        spot && types.size() == 1 && size != null && new StringValue(types.get(0)).equals(size);
    if (!types.isEmpty() && !typesAreJustSize) m.put("instance_types", strings(types));
    if (spot) m.put("spot", spot(dist));
  }

  private static MapValue spot(InstancesDistribution dist) {
    Map<String, Value> s = new TreeMap<>();
    if (dist.onDemandBaseCapacity() != null) {
      s.put("on_demand_base", new IntValue(dist.onDemandBaseCapacity()));
    }
    if (dist.onDemandPercentageAboveBaseCapacity() != null) {
      s.put("on_demand_percent", new PercentValue(dist.onDemandPercentageAboveBaseCapacity()));
    }
    if (dist.spotAllocationStrategy() != null) {
      s.put("allocation", new StringValue(dist.spotAllocationStrategy()));
    }
    if (dist.spotMaxPrice() != null && !dist.spotMaxPrice().isEmpty()) {
      s.put("max_price", new NumberValue(Double.parseDouble(dist.spotMaxPrice())));
    }
    return MapValue.of(s);
  }

  /** The {@code poolform:spec-hash} the version writes onto its instances. */
  public static Optional<String> specHash(ResponseLaunchTemplateData d) {
    return d.tagSpecifications().stream()
        .filter(t -> t.resourceType() == ResourceType.INSTANCE)
        .flatMap(t -> t.tags().stream())
        .filter(t -> Tags.SPEC_HASH.equals(t.key()))
        .map(t -> t.value())
        .findFirst();
  }

  private static String decode(String b64) {
    try {
      return new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return b64; // not ours: compare as given
    }
  }

  private static ListValue strings(List<String> l) {
    return new ListValue(l.stream().map(s -> (Value) new StringValue(s.trim())).toList());
  }
}
