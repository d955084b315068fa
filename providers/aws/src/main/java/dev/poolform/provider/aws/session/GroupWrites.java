package dev.poolform.provider.aws.session;

import dev.poolform.provider.aws.connect.AwsClients;
import dev.poolform.provider.aws.mapping.GroupShape;
import dev.poolform.provider.aws.mapping.Tags;
import dev.poolform.runtime.provider.CapacityRequest;
import dev.poolform.runtime.provider.GroupSpec;
import dev.poolform.runtime.provider.ProviderException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.CreateAutoScalingGroupRequest;
import software.amazon.awssdk.services.autoscaling.model.CreateOrUpdateTagsRequest;
import software.amazon.awssdk.services.autoscaling.model.DeleteTagsRequest;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplateSpecification;
import software.amazon.awssdk.services.autoscaling.model.MixedInstancesPolicy;
import software.amazon.awssdk.services.autoscaling.model.SuspendedProcess;
import software.amazon.awssdk.services.autoscaling.model.Tag;
import software.amazon.awssdk.services.autoscaling.model.TagDescription;
import software.amazon.awssdk.services.autoscaling.model.TerminateInstanceInAutoScalingGroupRequest;
import software.amazon.awssdk.services.autoscaling.model.UpdateAutoScalingGroupRequest;

/**
 * Writes to one Auto Scaling group. A write that would leave the group exactly as the session last
 * saw it ({@link GroupReader#recent}) is not sent: a rollout's "widen the bounds" and "restore the
 * capacity" steps usually change nothing.
 */
final class GroupWrites {
  /** The Auto Scaling process that rebalances a group's instances across Availability Zones. */
  static final String AZ_REBALANCE = "AZRebalance";

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
  /**
   * How long a create waits for a same-named group that AWS is still deleting, and a delete for the
   * scaling activities that keep it from going through.
   */
  static final java.time.Duration BUSY_WAIT = java.time.Duration.ofMinutes(10);

  void create(GroupSpec spec, CapacityRequest cap, GroupShape shape) throws ProviderException {
    String name = spec.name();
    var b =
        CreateAutoScalingGroupRequest.builder()
            .autoScalingGroupName(name)
            .minSize((int) cap.min())
            .maxSize(max(cap))
            .tags(GroupShape.tags(name, Tags.group(spec.tags())));
    cap.desired().ifPresent(d -> b.desiredCapacity((int) d));
    shape.launchTemplate().ifPresent(b::launchTemplate);
    shape.mixed().ifPresent(b::mixedInstancesPolicy);
    shape.vpcZoneIdentifier().ifPresent(b::vpcZoneIdentifier);
    if (!shape.zones().isEmpty()) b.availabilityZones(shape.zones());
    var req = b.build();
    long deadline = System.nanoTime() + BUSY_WAIT.toNanos();
    for (int attempt = 1; ; attempt++) {
      try {
        createOnce(name, spec.address(), req);
        return;
      } catch (ProviderException e) {
        // The name is taken by a group AWS is still deleting (the pool was deleted just before):
        // wait until it is free. Or the template version is too new for Auto Scaling to see.
        boolean taken = "AlreadyExists".equals(e.cloudCode().orElse(""));
        if (!(taken || versionNotVisibleYet(e)) || System.nanoTime() > deadline) throw e;
        Calls.sleep(attempt);
      }
    }
  }

  private void createOnce(String name, String address, CreateAutoScalingGroupRequest req)
      throws ProviderException {
    try {
      Calls.write(
          "creating Auto Scaling group `" + name + "` of " + address,
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
      // A group of that name that reads as absent is still being deleted: not ours to take.
      if (!"AlreadyExists".equals(e.cloudCode().orElse("")) || reader.group(name).isEmpty()) {
        throw e;
      }
    } finally {
      reader.wrote(name, null);
    }
  }

  /** Points the group at a template version (and subnets/zones, mixed policy); sizes untouched. */
  void pin(String name, String address, GroupShape shape) throws ProviderException {
    Optional<AutoScalingGroup> now = reader.recent(name);
    if (now.isPresent() && pinned(now.get(), shape)) return;
    var b = UpdateAutoScalingGroupRequest.builder().autoScalingGroupName(name);
    shape.launchTemplate().ifPresent(b::launchTemplate);
    shape.mixed().ifPresent(b::mixedInstancesPolicy);
    shape.vpcZoneIdentifier().ifPresent(b::vpcZoneIdentifier);
    if (!shape.zones().isEmpty()) b.availabilityZones(shape.zones());
    var req = b.build();
    long deadline = System.nanoTime() + CONSISTENCY_WAIT.toNanos();
    for (int attempt = 1; ; attempt++) {
      try {
        pinOnce(name, address, shape, req);
        return;
      } catch (ProviderException e) {
        if (!versionNotVisibleYet(e) || System.nanoTime() > deadline) throw e;
        Calls.sleep(attempt);
      }
    }
  }

  /**
   * How long a write naming a just-made launch template version is repeated while Auto Scaling does
   * not see the version yet (EC2 is eventually consistent).
   */
  static final java.time.Duration CONSISTENCY_WAIT = java.time.Duration.ofMinutes(1);

  /**
   * Auto Scaling's answer for a launch template version it does not know: right after
   * CreateLaunchTemplateVersion that is EC2's eventual consistency, not a wrong request
   * (docs/providers/aws.md#real-cloud-notes).
   */
  static boolean versionNotVisibleYet(ProviderException e) {
    return "ValidationError".equals(e.cloudCode().orElse(""))
        && e.getMessage().contains("valid fully-formed launch template");
  }

  private void pinOnce(
      String name, String address, GroupShape shape, UpdateAutoScalingGroupRequest req)
      throws ProviderException {
    write(
        name,
        "updating the launch settings of " + address,
        () -> aws.asgWrite().updateAutoScalingGroup(req),
        g -> {
          var n = g.toBuilder();
          shape
              .launchTemplate()
              .ifPresent(
                  t -> n.launchTemplate(t).mixedInstancesPolicy((MixedInstancesPolicy) null));
          shape
              .mixed()
              .ifPresent(
                  m ->
                      n.mixedInstancesPolicy(m).launchTemplate((LaunchTemplateSpecification) null));
          shape.vpcZoneIdentifier().ifPresent(n::vpcZoneIdentifier);
          if (!shape.zones().isEmpty()) n.availabilityZones(shape.zones());
          return n.build();
        });
  }

  /** Whether the group already launches as {@code shape} says. */
  static boolean pinned(AutoScalingGroup g, GroupShape shape) {
    if (shape.launchTemplate().isPresent()) {
      LaunchTemplateSpecification want = shape.launchTemplate().get();
      LaunchTemplateSpecification has = g.launchTemplate();
      if (has == null
          || g.mixedInstancesPolicy() != null
          || !want.launchTemplateId().equals(has.launchTemplateId())
          || !want.version().equals(has.version())) {
        return false;
      }
    }
    if (shape.mixed().isPresent() && !shape.mixed().get().equals(g.mixedInstancesPolicy())) {
      return false;
    }
    if (shape.vpcZoneIdentifier().isPresent()) {
      if (g.vpcZoneIdentifier() == null) return false;
      if (!set(shape.vpcZoneIdentifier().get()).equals(set(g.vpcZoneIdentifier()))) return false;
    }
    return shape.zones().isEmpty()
        || new HashSet<>(shape.zones()).equals(new HashSet<>(g.availabilityZones()));
  }

  private static Set<String> set(String commaSeparated) {
    Set<String> out = new HashSet<>();
    for (String s : commaSeparated.split(",", -1)) if (!s.isBlank()) out.add(s.trim());
    return out;
  }

  /**
   * Sets sizes in one UpdateAutoScalingGroup, so AWS checks min <= desired <= max once. The maximum
   * is widened when a surge asks for more than it allows.
   */
  void capacity(String name, String address, CapacityRequest cap) throws ProviderException {
    int min = (int) cap.min();
    int max = max(cap);
    Optional<AutoScalingGroup> now = reader.recent(name);
    if (now.isPresent()
        && now.get().minSize() == min
        && now.get().maxSize() == max
        && (cap.desired().isEmpty() || now.get().desiredCapacity() == cap.desired().getAsLong())) {
      return;
    }
    var b =
        UpdateAutoScalingGroupRequest.builder()
            .autoScalingGroupName(name)
            .minSize(min)
            .maxSize(max);
    cap.desired().ifPresent(d -> b.desiredCapacity((int) d));
    var req = b.build();
    write(
        name,
        "setting the capacity of " + address,
        () -> aws.asgWrite().updateAutoScalingGroup(req),
        g -> {
          // Without a desired size AWS keeps the current one within the new bounds.
          int desired =
              cap.desired().isPresent()
                  ? (int) cap.desired().getAsLong()
                  : Math.max(min, Math.min(max, g.desiredCapacity()));
          return g.toBuilder().minSize(min).maxSize(max).desiredCapacity(desired).build();
        });
  }

  private static int max(CapacityRequest cap) {
    return (int) Math.max(cap.max(), cap.desired().orElse(0));
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
      write(
          name,
          "tagging " + address,
          () ->
              aws.asgWrite()
                  .createOrUpdateTags(CreateOrUpdateTagsRequest.builder().tags(set).build()),
          null);
    }
    if (!drop.isEmpty()) {
      write(
          name,
          "removing tags of " + address,
          () -> aws.asgWrite().deleteTags(DeleteTagsRequest.builder().tags(drop).build()),
          null);
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
    String name = g.autoScalingGroupName();
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
                    .group(name)
                    .filter(
                        now -> now.instances().stream().noneMatch(i -> i.instanceId().equals(id)))
                    .map(
                        now ->
                            software.amazon.awssdk.services.autoscaling.model
                                .TerminateInstanceInAutoScalingGroupResponse.builder()
                                .build()));
        // The instance leaves the group (AWS lists it Terminating a while longer); with decrement
        // the desired size drops at once, without it a replacement is on its way.
        reader.wrote(name, decrement ? now -> without(now, id) : null);
      } catch (ProviderException e) {
        reader.wrote(name, null);
        if (!e.cloudCode().orElse("").contains("NotFound")
            && !e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("not found")) {
          throw e;
        }
      }
    }
  }

  /** SuspendProcesses(AZRebalance): safe to repeat. */
  void suspendRebalancing(String name, String address) throws ProviderException {
    write(
        name,
        "suspending AZRebalance of " + address,
        () ->
            aws.asgWrite()
                .suspendProcesses(b -> b.autoScalingGroupName(name).scalingProcesses(AZ_REBALANCE)),
        g -> {
          List<SuspendedProcess> all = new ArrayList<>(g.suspendedProcesses());
          all.add(SuspendedProcess.builder().processName(AZ_REBALANCE).build());
          return g.toBuilder().suspendedProcesses(all).build();
        });
  }

  /** ResumeProcesses(AZRebalance): safe to repeat, also when it is not suspended. */
  void resumeRebalancing(String name, String address) throws ProviderException {
    write(
        name,
        "resuming AZRebalance of " + address,
        () ->
            aws.asgWrite()
                .resumeProcesses(b -> b.autoScalingGroupName(name).scalingProcesses(AZ_REBALANCE)),
        g ->
            g.toBuilder()
                .suspendedProcesses(
                    g.suspendedProcesses().stream()
                        .filter(p -> !AZ_REBALANCE.equals(p.processName()))
                        .toList())
                .build());
  }

  private static AutoScalingGroup without(AutoScalingGroup g, String id) {
    return g.toBuilder()
        .instances(g.instances().stream().filter(i -> !i.instanceId().equals(id)).toList())
        .desiredCapacity(g.desiredCapacity() - 1)
        .build();
  }

  /**
   * Deletes an empty group; gone already is fine. AWS refuses while a scale-in is still terminating
   * instances ({@code ScalingActivityInProgress}) or instances remain ({@code ResourceInUse}): both
   * pass, so the delete is repeated with backoff for up to {@link #BUSY_WAIT}.
   */
  void delete(String name, String address) throws ProviderException {
    long deadline = System.nanoTime() + BUSY_WAIT.toNanos();
    for (int attempt = 1; ; attempt++) {
      try {
        deleteOnce(name, address);
        return;
      } catch (ProviderException e) {
        String code = e.cloudCode().orElse("");
        boolean busy = code.equals("ScalingActivityInProgress") || code.equals("ResourceInUse");
        if (!busy || System.nanoTime() > deadline) throw e;
        Calls.sleep(attempt);
      }
    }
  }

  private void deleteOnce(String name, String address) throws ProviderException {
    try {
      write(
          name,
          "deleting Auto Scaling group `" + name + "` of " + address,
          () ->
              aws.asgWrite()
                  .deleteAutoScalingGroup(
                      software.amazon.awssdk.services.autoscaling.model
                          .DeleteAutoScalingGroupRequest.builder()
                          .autoScalingGroupName(name)
                          .build()),
          null);
    } catch (ProviderException e) {
      if (!(e.kind() == ProviderException.Kind.NOT_FOUND
          || e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("not found"))) {
        throw e;
      }
    }
  }

  /**
   * Runs a write that is safe to repeat as it is and tells the reader what it did to the group
   * ({@code change}, or null: unknown). A failed write leaves the group unknown.
   */
  private void write(
      String name, String what, Supplier<?> call, UnaryOperator<AutoScalingGroup> change)
      throws ProviderException {
    try {
      Calls.write(what, call);
    } catch (ProviderException | RuntimeException e) {
      reader.wrote(name, null);
      throw e;
    }
    reader.wrote(name, change);
  }
}
