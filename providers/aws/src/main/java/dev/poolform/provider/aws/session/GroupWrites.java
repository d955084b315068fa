package dev.poolform.provider.aws.session;

import dev.poolform.provider.aws.connect.AwsClients;
import dev.poolform.provider.aws.mapping.GroupShape;
import dev.poolform.provider.aws.mapping.Tags;
import dev.poolform.runtime.provider.CapacityRequest;
import dev.poolform.runtime.provider.GroupSpec;
import dev.poolform.runtime.provider.ProviderException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.CreateAutoScalingGroupRequest;
import software.amazon.awssdk.services.autoscaling.model.CreateOrUpdateTagsRequest;
import software.amazon.awssdk.services.autoscaling.model.DeleteAutoScalingGroupRequest;
import software.amazon.awssdk.services.autoscaling.model.DeleteTagsRequest;
import software.amazon.awssdk.services.autoscaling.model.Tag;
import software.amazon.awssdk.services.autoscaling.model.TagDescription;
import software.amazon.awssdk.services.autoscaling.model.TerminateInstanceInAutoScalingGroupRequest;
import software.amazon.awssdk.services.autoscaling.model.UpdateAutoScalingGroupRequest;

/** Writes to one Auto Scaling group. */
final class GroupWrites {
  private final AwsClients aws;
  private final GroupReader reader;

  GroupWrites(AwsClients aws, GroupReader reader) {
    this.aws = aws;
    this.reader = reader;
  }

  /**
   * Creates the group. {@code DesiredCapacity} is sent only when the pool sets it: with {@code
   * desired = external} AWS starts at {@code min} and the autoscaler takes over.
   */
  void create(GroupSpec spec, CapacityRequest cap, GroupShape shape) throws ProviderException {
    String name = spec.name();
    var b =
        CreateAutoScalingGroupRequest.builder()
            .autoScalingGroupName(name)
            .minSize((int) cap.min())
            .maxSize((int) Math.max(cap.max(), cap.desired().orElse(0)))
            .tags(GroupShape.tags(name, Tags.group(spec.tags())));
    cap.desired().ifPresent(d -> b.desiredCapacity((int) d));
    shape.launchTemplate().ifPresent(b::launchTemplate);
    shape.mixed().ifPresent(b::mixedInstancesPolicy);
    shape.vpcZoneIdentifier().ifPresent(b::vpcZoneIdentifier);
    if (!shape.zones().isEmpty()) b.availabilityZones(shape.zones());
    var req = b.build();
    try {
      Calls.write(
          "creating Auto Scaling group `" + name + "` of " + spec.address(),
          () -> aws.asgWrite().createAutoScalingGroup(req),
          () ->
              reader
                  .group(name)
                  .map(
                      g ->
                          software.amazon.awssdk.services.autoscaling.model
                              .CreateAutoScalingGroupResponse.builder()
                              .build()));
    } catch (ProviderException e) {
      // Real AWS answers AlreadyExists when an earlier attempt got through; the caller re-reads.
      if (!"AlreadyExists".equals(e.cloudCode().orElse(""))) throw e;
    }
  }

  /** Points the group at a template version (and subnets/zones, mixed policy); sizes untouched. */
  void pin(String name, String address, GroupShape shape) throws ProviderException {
    var b = UpdateAutoScalingGroupRequest.builder().autoScalingGroupName(name);
    shape.launchTemplate().ifPresent(b::launchTemplate);
    shape.mixed().ifPresent(b::mixedInstancesPolicy);
    shape.vpcZoneIdentifier().ifPresent(b::vpcZoneIdentifier);
    if (!shape.zones().isEmpty()) b.availabilityZones(shape.zones());
    var req = b.build();
    Calls.write(
        "updating the launch settings of " + address,
        () -> aws.asgWrite().updateAutoScalingGroup(req));
  }

  /**
   * Sets sizes in one UpdateAutoScalingGroup, so AWS checks min <= desired <= max once. The maximum
   * is widened when a surge asks for more than it allows.
   */
  void capacity(String name, String address, CapacityRequest cap) throws ProviderException {
    var b =
        UpdateAutoScalingGroupRequest.builder()
            .autoScalingGroupName(name)
            .minSize((int) cap.min())
            .maxSize((int) Math.max(cap.max(), cap.desired().orElse(0)));
    cap.desired().ifPresent(d -> b.desiredCapacity((int) d));
    var req = b.build();
    Calls.write(
        "setting the capacity of " + address, () -> aws.asgWrite().updateAutoScalingGroup(req));
  }

  /** Makes the group's tags exactly {@code wanted} (AWS's own {@code aws:} tags aside). */
  void retag(AutoScalingGroup g, String address, Map<String, String> wanted)
      throws ProviderException {
    String name = g.autoScalingGroupName();
    List<Tag> set = new ArrayList<>();
    List<Tag> drop = new ArrayList<>();
    for (TagDescription t : g.tags()) {
      if (Tags.reserved(t.key())) continue;
      if (!wanted.containsKey(t.key())) {
        drop.add(tag(name, t.key(), t.value(), Boolean.TRUE.equals(t.propagateAtLaunch())));
      }
    }
    wanted.forEach(
        (k, v) -> {
          Optional<TagDescription> cur =
              g.tags().stream().filter(t -> t.key().equals(k)).findFirst();
          if (cur.isEmpty()
              || !v.equals(cur.get().value())
              || !Boolean.TRUE.equals(cur.get().propagateAtLaunch())) {
            set.add(tag(name, k, v, true));
          }
        });
    if (!set.isEmpty()) {
      Calls.write(
          "tagging " + address,
          () ->
              aws.asgWrite()
                  .createOrUpdateTags(CreateOrUpdateTagsRequest.builder().tags(set).build()));
    }
    if (!drop.isEmpty()) {
      Calls.write(
          "removing tags of " + address,
          () -> aws.asgWrite().deleteTags(DeleteTagsRequest.builder().tags(drop).build()));
    }
  }

  /** Removes the tags {@code keys} from the group; missing ones are skipped. */
  void untag(AutoScalingGroup g, String address, java.util.Set<String> keys)
      throws ProviderException {
    String name = g.autoScalingGroupName();
    List<Tag> drop = new ArrayList<>();
    for (TagDescription t : g.tags()) {
      if (keys.contains(t.key())) {
        drop.add(tag(name, t.key(), t.value(), Boolean.TRUE.equals(t.propagateAtLaunch())));
      }
    }
    if (drop.isEmpty()) return;
    Calls.write(
        "removing the Poolform tags of " + address,
        () -> aws.asgWrite().deleteTags(DeleteTagsRequest.builder().tags(drop).build()));
  }

  private static Tag tag(String group, String k, String v, boolean propagate) {
    return Tag.builder()
        .resourceId(group)
        .resourceType("auto-scaling-group")
        .key(k)
        .value(v)
        .propagateAtLaunch(propagate)
        .build();
  }

  /**
   * Terminates the instances still in the group, one call each (the API takes one). Instances
   * already gone are skipped, so a repeated call never shrinks the group twice.
   */
  void terminate(AutoScalingGroup g, String address, List<String> ids, boolean decrement)
      throws ProviderException {
    var members = g.instances().stream().map(i -> i.instanceId()).toList();
    for (String id : ids) {
      if (!members.contains(id)) continue;
      try {
        Calls.write(
            "terminating instance " + id + " of " + address,
            () ->
                aws.asgWrite()
                    .terminateInstanceInAutoScalingGroup(
                        TerminateInstanceInAutoScalingGroupRequest.builder()
                            .instanceId(id)
                            .shouldDecrementDesiredCapacity(decrement)
                            .build()),
            () ->
                reader
                    .group(g.autoScalingGroupName())
                    .filter(
                        now -> now.instances().stream().noneMatch(i -> i.instanceId().equals(id)))
                    .map(
                        now ->
                            software.amazon.awssdk.services.autoscaling.model
                                .TerminateInstanceInAutoScalingGroupResponse.builder()
                                .build()));
      } catch (ProviderException e) {
        if (!e.cloudCode().orElse("").contains("NotFound")
            && !e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("not found")) {
          throw e;
        }
      }
    }
  }

  /** Deletes an empty group; gone already is fine. */
  void delete(String name, String address) throws ProviderException {
    try {
      Calls.write(
          "deleting Auto Scaling group `" + name + "` of " + address,
          () ->
              aws.asgWrite()
                  .deleteAutoScalingGroup(
                      DeleteAutoScalingGroupRequest.builder().autoScalingGroupName(name).build()));
    } catch (ProviderException e) {
      if (!(e.kind() == ProviderException.Kind.NOT_FOUND
          || e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("not found"))) {
        throw e;
      }
    }
  }
}
