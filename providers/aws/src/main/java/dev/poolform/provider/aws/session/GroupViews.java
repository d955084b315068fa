package dev.poolform.provider.aws.session;

import dev.poolform.provider.aws.mapping.Tags;
import dev.poolform.runtime.provider.GroupRef;
import dev.poolform.runtime.provider.Observation;
import dev.poolform.runtime.provider.ObservedGroup;
import dev.poolform.runtime.provider.ObservedMachine;
import dev.poolform.runtime.provider.ProviderException;
import dev.poolform.stdlib.value.MapValue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.ec2.model.LaunchTemplate;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateVersion;

/**
 * What the session reports of groups: a plan's read, the poller's observe, the lineage's groups
 * (with the partial groups of stray templates), a group to adopt. Each comes with its pinned
 * template version and, where a version maps a disk, the root device of its image, which the read
 * back needs to tell the root volume from the others.
 */
final class GroupViews {
  private final String lineage;
  private final GroupReader reader;
  private final Machines machines;
  private final RootDevices roots;

  GroupViews(String lineage, GroupReader reader, Machines machines, RootDevices roots) {
    this.lineage = lineage;
    this.reader = reader;
    this.machines = machines;
    this.roots = roots;
  }

  Map<String, ObservedGroup> read(Collection<GroupRef> refs) throws ProviderException {
    reader.beginRefresh(); // a plan's read: the listings it makes serve its findOwned, no more
    Set<String> names = new HashSet<>();
    refs.forEach(r -> names.add(r.cloudId()));
    Map<String, AutoScalingGroup> groups =
        names.size() > GroupReader.GROUP_BATCH || reader.listed(lineage)
            ? reader.groupsViaLineage(names, lineage)
            : reader.groups(names);
    Map<String, ObservedGroup> out = new LinkedHashMap<>();
    observed(refs, groups).forEach((r, o) -> out.put(r.address(), o));
    return out;
  }

  /**
   * The groups of {@code refs} that {@code groups} (by name) holds, each with its pinned template
   * version and the root device of its image, re-keyed to its ref: what {@link #read} and {@link
   * #observe} both return.
   */
  private Map<GroupRef, ObservedGroup> observed(
      Collection<GroupRef> refs, Map<String, AutoScalingGroup> groups) throws ProviderException {
    Map<String, LaunchTemplateVersion> versions = reader.pinnedVersions(groups.values());
    Map<String, String> roots = rootDevices(versions.values());
    Map<GroupRef, ObservedGroup> out = new LinkedHashMap<>();
    for (GroupRef r : refs) {
      AutoScalingGroup g = groups.get(r.cloudId());
      if (g == null) continue;
      ObservedGroup o =
          GroupReader.observe(
              r.address(), g, Optional.ofNullable(versions.get(g.autoScalingGroupName())), roots);
      out.put(r, o.withRef(r));
    }
    return out;
  }

  /**
   * Groups tagged with the lineage, plus launch templates tagged with it whose group does not exist
   * (a crash between creating the template and the group): those come back as partial groups (sizes
   * 0, {@code partial}), which the engine never adopts but deletes as strays before creating the
   * pool again; {@link GroupRemoval#delete} removes the template when the group is missing.
   */
  List<ObservedGroup> findOwned(String lineage) throws ProviderException {
    try {
      return owned(lineage);
    } finally {
      reader.invalidate(); // the refresh ends here: its listings serve no later one
    }
  }

  private List<ObservedGroup> owned(String lineage) throws ProviderException {
    Map<String, AutoScalingGroup> groups = reader.groupsOfLineage(lineage);
    Map<String, LaunchTemplateVersion> versions = reader.pinnedVersions(groups.values());
    Map<String, String> roots = rootDevices(versions.values());
    List<ObservedGroup> out = new ArrayList<>();
    Set<String> usedTemplates =
        groups.values().stream()
            .map(Pinned::of)
            .flatMap(Optional::stream)
            .map(p -> p.templateId() != null ? p.templateId() : "name:" + p.templateName())
            .collect(Collectors.toSet());
    for (AutoScalingGroup g : groups.values()) {
      String address = GroupReader.tags(g.tags()).getOrDefault(Tags.ADDRESS, "");
      out.add(
          GroupReader.observe(
              address, g, Optional.ofNullable(versions.get(g.autoScalingGroupName())), roots));
    }
    for (LaunchTemplate t : reader.unusedTemplatesOfLineage(lineage, usedTemplates)) {
      if (usedTemplates.contains(t.launchTemplateId())
          || usedTemplates.contains("name:" + t.launchTemplateName())) {
        continue;
      }
      Map<String, String> tags = new LinkedHashMap<>();
      t.tags().forEach(x -> tags.put(x.key(), x.value()));
      String address = tags.getOrDefault(Tags.ADDRESS, "");
      if (address.isEmpty()) continue;
      String pool = GroupReader.poolName(address, t.launchTemplateName());
      if (out.stream().anyMatch(o -> o.ref().name().equals(pool))) continue;
      out.add(
          new ObservedGroup(
              new GroupRef(address, pool, pool),
              0,
              0,
              0,
              Optional.empty(),
              MapValue.EMPTY,
              tags,
              0,
              Optional.empty(),
              true));
    }
    return out;
  }

  /**
   * Every group in one DescribeAutoScalingGroups per 100, template versions from the session's
   * cache, and EC2 asked only about instances not seen before: a poll of 100 waiting pools costs
   * one call, two when new machines appeared.
   */
  Observation observe(Collection<GroupRef> groups, Collection<GroupRef> withMachines)
      throws ProviderException {
    Map<String, AutoScalingGroup> found =
        reader.groups(groups.stream().map(GroupRef::cloudId).toList());
    Map<String, ObservedGroup> out = new HashMap<>();
    observed(groups, found).forEach((r, o) -> out.put(r.cloudId(), o));
    List<AutoScalingGroup> polled = new ArrayList<>();
    for (GroupRef r : withMachines) {
      AutoScalingGroup g = found.get(r.cloudId());
      if (g != null) polled.add(g);
    }
    machines.load(polled);
    Map<String, List<ObservedMachine>> ms = new HashMap<>();
    for (GroupRef r : withMachines) {
      AutoScalingGroup g = found.get(r.cloudId());
      if (g != null) ms.put(r.cloudId(), machines.known(g));
    }
    return new Observation(out, ms);
  }

  Optional<ObservedGroup> adopt(String cloudId) throws ProviderException {
    Optional<AutoScalingGroup> g = reader.group(cloudId);
    if (g.isEmpty()) return Optional.empty();
    String address = GroupReader.tags(g.get().tags()).getOrDefault(Tags.ADDRESS, "");
    Map<String, LaunchTemplateVersion> v = reader.pinnedVersions(List.of(g.get()));
    return Optional.of(
        GroupReader.observe(
            address, g.get(), Optional.ofNullable(v.get(cloudId)), rootDevices(v.values())));
  }

  /**
   * The root devices of the images of those versions that map a disk: only for them does the read
   * back need to know which mapping is the root volume (no call when no pool sets a disk).
   */
  private Map<String, String> rootDevices(Collection<LaunchTemplateVersion> versions)
      throws ProviderException {
    List<String> images = new ArrayList<>();
    for (LaunchTemplateVersion v : versions) {
      var d = v.launchTemplateData();
      if (d != null
          && d.imageId() != null
          && d.hasBlockDeviceMappings()
          && !d.blockDeviceMappings().isEmpty()) {
        images.add(d.imageId());
      }
    }
    return images.isEmpty() ? Map.of() : roots.of(images);
  }
}
