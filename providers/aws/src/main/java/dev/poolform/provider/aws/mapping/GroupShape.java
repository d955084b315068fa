package dev.poolform.provider.aws.mapping;

import dev.poolform.stdlib.value.MapValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.autoscaling.model.InstancesDistribution;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplate;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplateOverrides;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplateSpecification;
import software.amazon.awssdk.services.autoscaling.model.MixedInstancesPolicy;
import software.amazon.awssdk.services.autoscaling.model.Tag;

/**
 * The launch settings of a pool's Auto Scaling group: the pinned template version (plainly, or
 * inside a MixedInstancesPolicy when {@code instance_types} or {@code spot} is given), subnets or
 * zones, and tags.
 *
 * @param launchTemplate set when no mixed policy is needed
 * @param mixed set for {@code instance_types} and {@code spot}
 * @param vpcZoneIdentifier comma-joined subnets, if given
 * @param zones availability zones, if no subnets are given
 */
public record GroupShape(
    Optional<LaunchTemplateSpecification> launchTemplate,
    Optional<MixedInstancesPolicy> mixed,
    Optional<String> vpcZoneIdentifier,
    List<String> zones) {

  /**
   * The shape for a machine block, pinned to one template version number. Never {@code $Latest} or
   * {@code $Default}: a pinned number is what makes a new version an explicit, plannable rollout.
   */
  public static GroupShape of(MapValue machine, String templateId, long version) {
    var spec =
        LaunchTemplateSpecification.builder()
            .launchTemplateId(templateId)
            .version(Long.toString(version))
            .build();
    Optional<List<String>> types = machine.strings("instance_types").filter(l -> !l.isEmpty());
    Optional<MapValue> spot = machine.map("spot");
    Optional<MixedInstancesPolicy> mixed = Optional.empty();
    if (types.isPresent() || spot.isPresent()) {
      List<String> overrides =
          types.orElseGet(() -> machine.string("size").map(List::of).orElse(List.of()));
      var policy =
          MixedInstancesPolicy.builder()
              .launchTemplate(
                  LaunchTemplate.builder()
                      .launchTemplateSpecification(spec)
                      .overrides(
                          overrides.stream()
                              .map(t -> LaunchTemplateOverrides.builder().instanceType(t).build())
                              .toList())
                      .build());
      var dist = InstancesDistribution.builder();
      if (spot.isPresent()) {
        MapValue s = spot.get();
        dist.onDemandBaseCapacity(s.integer("on_demand_base").orElse(0L).intValue());
        dist.onDemandPercentageAboveBaseCapacity(
            s.get("on_demand_percent")
                .map(v -> (int) Math.round(((dev.poolform.stdlib.value.PercentValue) v).value()))
                .orElse(0));
        s.string("allocation").ifPresent(dist::spotAllocationStrategy);
        s.number("max_price").ifPresent(p -> dist.spotMaxPrice(price(p)));
      } else {
        // instance_types alone: all on demand, only the types vary.
        dist.onDemandBaseCapacity(0).onDemandPercentageAboveBaseCapacity(100);
      }
      policy.instancesDistribution(dist.build());
      mixed = Optional.of(policy.build());
    }
    Optional<String> subnets =
        machine.strings("subnets").filter(l -> !l.isEmpty()).map(l -> String.join(",", l));
    List<String> zones =
        subnets.isPresent() ? List.of() : machine.strings("zones").orElse(List.of());
    return new GroupShape(
        mixed.isPresent() ? Optional.empty() : Optional.of(spec), mixed, subnets, zones);
  }

  static String price(double p) {
    return java.math.BigDecimal.valueOf(p).stripTrailingZeros().toPlainString();
  }

  /** Group tags, all propagated to instances at launch. */
  public static List<Tag> tags(String groupName, Map<String, String> groupTags) {
    return groupTags.entrySet().stream()
        .map(
            e ->
                Tag.builder()
                    .resourceId(groupName)
                    .resourceType("auto-scaling-group")
                    .key(e.getKey())
                    .value(e.getValue())
                    .propagateAtLaunch(true)
                    .build())
        .toList();
  }
}
