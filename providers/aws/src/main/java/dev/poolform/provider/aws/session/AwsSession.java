package dev.poolform.provider.aws.session;

import dev.poolform.provider.aws.connect.AwsClients;
import dev.poolform.provider.aws.connect.ClientOptions;
import dev.poolform.provider.aws.mapping.GroupShape;
import dev.poolform.provider.aws.mapping.Names;
import dev.poolform.provider.aws.mapping.Tags;
import dev.poolform.provider.aws.rollout.InstanceRefreshes;
import dev.poolform.runtime.provider.CapacityRequest;
import dev.poolform.runtime.provider.CloudEvent;
import dev.poolform.runtime.provider.CloudIdentity;
import dev.poolform.runtime.provider.CloudRollouts;
import dev.poolform.runtime.provider.CloudSession;
import dev.poolform.runtime.provider.GroupRef;
import dev.poolform.runtime.provider.GroupSpec;
import dev.poolform.runtime.provider.NameTaken;
import dev.poolform.runtime.provider.Observation;
import dev.poolform.runtime.provider.ObservedGroup;
import dev.poolform.runtime.provider.ObservedMachine;
import dev.poolform.runtime.provider.Ownership;
import dev.poolform.runtime.provider.ProviderException;
import dev.poolform.runtime.provider.ProviderException.Kind;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
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
 * A session with one AWS account and region: a launch template and an Auto Scaling group per pool.
 * Every method is one logical step that is safe to repeat after a crash (see the class comments of
 * {@link Templates} and {@link Calls}).
 */
public final class AwsSession implements CloudSession {
  private final AwsClients aws;
  private final String lineage;
  private final ClientOptions options;
  private final Clock clock;
  private final GroupReader reader;
  private final Templates templates;
  private final GroupWrites writes;
  private final Machines machines;
  private final RefreshVersions refreshVersions;
  private final InstanceRefreshes refreshes;
  private final RootDevices images;

  public AwsSession(AwsClients aws, String lineage, ClientOptions options, Clock clock) {
    this.aws = aws;
    this.lineage = lineage;
    this.options = options;
    this.clock = clock;
    VersionCache versions = new VersionCache();
    TemplateCatalog catalog = new TemplateCatalog();
    this.reader = new GroupReader(aws, versions, catalog);
    this.images = new RootDevices(aws);
    this.templates = new Templates(aws, lineage, catalog, versions, images);
    this.writes = new GroupWrites(aws, reader);
    this.machines = new Machines(new InstanceFacts(aws), reader, new HealthWatch(clock));
    this.refreshVersions = new RefreshVersions(reader, templates);
    this.refreshes =
        new InstanceRefreshes(
            aws, refreshVersions::target, options.pollInterval(), options.drainTimeout());
  }

  public AwsClients clients() {
    return aws;
  }

  private volatile CloudIdentity identity;

  /**
   * The account the credentials reach, the region and the endpoint: what the block points at. A
   * renamed block, or one that switched to another profile of the same account, is the same cloud;
   * one that reaches another account is not. Read once per session: from the ARNs of the lineage's
   * groups, whose listing the plan that asks this makes next anyway (so it costs no call of its
   * own), and only where the lineage has no group here from GetCallerIdentity (which needs no
   * permission).
   */
  @Override
  public Optional<CloudIdentity> identity() throws ProviderException {
    CloudIdentity i = identity;
    if (i == null) {
      // The account from the plan's own listing when the lineage has groups here; else STS.
      Optional<String> listed = reader.accountOfLineage(lineage);
      String account =
          listed.isPresent()
              ? listed.get()
              : Calls.read(
                  "reading the account of cloud `" + aws.settings().cloudName() + "`",
                  () -> aws.sts().getCallerIdentity().account());
      Map<String, String> where = new LinkedHashMap<>();
      where.put("account", account);
      where.put("region", aws.settings().region());
      aws.settings().endpoint().ifPresent(e -> where.put("endpoint", e.toString()));
      i = CloudIdentity.of("aws", where);
      identity = i;
    }
    return Optional.of(i);
  }

  @Override
  public Map<String, ObservedGroup> read(Collection<GroupRef> refs) throws ProviderException {
    reader.beginRefresh(); // a plan's read: the listings it makes serve its findOwned, no more
    Set<String> names = new java.util.HashSet<>();
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
   * pool again; {@link #delete} removes the template when the group is missing.
   */
  @Override
  public List<ObservedGroup> findOwned(String lineage) throws ProviderException {
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
              dev.poolform.stdlib.value.MapValue.EMPTY,
              tags,
              0,
              Optional.empty(),
              true));
    }
    return out;
  }

  @Override
  public List<ObservedMachine> machines(GroupRef ref) throws ProviderException {
    AutoScalingGroup g = requireGroup(ref);
    return machines.of(g);
  }

  /**
   * Every group in one DescribeAutoScalingGroups per 100, template versions from the session's
   * cache, and EC2 asked only about instances not seen before: a poll of 100 waiting pools costs
   * one call, two when new machines appeared.
   */
  @Override
  public Observation observe(Collection<GroupRef> groups, Collection<GroupRef> withMachines)
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

  @Override
  public boolean pollsInBatches() {
    return true;
  }

  /**
   * Suspends AZRebalance while Poolform's engine replaces machines: AWS rebalances a group whose
   * zones became uneven after a termination that lowered the desired size, launching in one zone
   * and terminating in another, which can take out a machine the rollout counts as available
   * (docs/providers/aws.md#real-cloud-notes). A group in one zone cannot become uneven, and one
   * whose AZRebalance is already suspended is left as it is: nothing to undo in either case.
   */
  @Override
  public boolean suspendRebalancing(GroupRef ref) throws ProviderException {
    AutoScalingGroup g = reader.recentOrRead(ref.cloudId()).orElse(null);
    if (g == null || !g.hasAvailabilityZones() || g.availabilityZones().size() < 2) return false;
    boolean already =
        g.suspendedProcesses().stream()
            .anyMatch(p -> GroupWrites.AZ_REBALANCE.equals(p.processName()));
    if (already) return false;
    writes.suspendRebalancing(ref.cloudId(), ref.address());
    return true;
  }

  @Override
  public void resumeRebalancing(GroupRef ref) throws ProviderException {
    writes.resumeRebalancing(ref.cloudId(), ref.address());
  }

  @Override
  public GroupRef create(GroupSpec spec, CapacityRequest capacity, String idempotencyToken)
      throws ProviderException {
    reader.invalidate();
    String name = spec.name();
    GroupRef ref = new GroupRef(spec.address(), name, name);
    Optional<AutoScalingGroup> existing = reader.group(name);
    if (existing.isPresent()) {
      // An earlier attempt got as far as the group (crash, dropped answer): finish it.
      requireOwned(existing.get(), spec.address());
      pinModel(ref, spec, false);
      writes.retag(existing.get(), spec.address(), Tags.group(spec.tags()));
      setCapacity(ref, capacity);
      return ref;
    }
    Templates.Version v = templates.ensure(spec);
    writes.create(spec, capacity, GroupShape.of(spec.pool().machine(), v.templateId(), v.number()));
    return ref;
  }

  private void requireOwned(AutoScalingGroup g, String address) throws ProviderException {
    Optional<ProviderException> refused = refusal(g, address, lineage);
    if (refused.isPresent()) throw refused.get();
  }

  /**
   * A group of another pool (of another lineage, of none, or this lineage's under another address)
   * holds the name: the create of the pool refuses ({@link Ownership#samePool}).
   */
  private static Optional<ProviderException> refusal(
      AutoScalingGroup g, String address, String lineage) {
    Map<String, String> tags = GroupReader.tags(g.tags());
    if (Ownership.samePool(tags, address, lineage)) return Optional.empty();
    return Optional.of(
        new ProviderException(
            Kind.CONFLICT,
            "AlreadyExists",
            null,
            NameTaken.message(
                "An Auto Scaling group named `" + g.autoScalingGroupName() + "`",
                "",
                tags,
                lineage,
                address,
                g.autoScalingGroupName()),
            null));
  }

  /**
   * What {@link #create} refuses, read for a plan: the new names' groups in one
   * DescribeAutoScalingGroups per 100, and, for names no group holds, their launch templates in one
   * filtered DescribeLaunchTemplates per 200 (a create refuses another configuration's template
   * too). A plan with no new pool makes neither call.
   */
  @Override
  public Map<String, ProviderException> createRefusals(Map<String, String> names, String lineage)
      throws ProviderException {
    Map<String, AutoScalingGroup> groups = reader.groups(names.values());
    Map<String, ProviderException> out = new LinkedHashMap<>();
    Map<String, String> templateOf = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : names.entrySet()) {
      AutoScalingGroup g = groups.get(e.getValue());
      if (g != null) refusal(g, e.getKey(), lineage).ifPresent(ex -> out.put(e.getKey(), ex));
      else templateOf.put(e.getKey(), Names.template(e.getValue()));
    }
    Map<String, LaunchTemplate> held = templates.named(templateOf.values());
    for (Map.Entry<String, String> e : templateOf.entrySet()) {
      LaunchTemplate t = held.get(e.getValue());
      if (t != null) {
        Templates.refusal(t, e.getKey(), lineage).ifPresent(ex -> out.put(e.getKey(), ex));
      }
    }
    return out;
  }

  /**
   * Prepares the spec's template version. With Poolform's engine the group is pinned to it at once
   * (the engine then replaces machines itself). With {@code engine = "cloud"} the group keeps
   * launching from the version it has and only the rest of its launch settings (subnets, zones,
   * mixed instances policy) change: the instance refresh moves it ({@link RefreshVersions}).
   */
  @Override
  public void updateModel(GroupRef ref, GroupSpec spec) throws ProviderException {
    pinModel(ref, spec, RefreshVersions.refreshMovesVersion(spec));
  }

  private void pinModel(GroupRef ref, GroupSpec spec, boolean leaveVersionToRefresh)
      throws ProviderException {
    reader.invalidate();
    AutoScalingGroup g = recentGroup(ref);
    Templates.Version v = versionFor(g, spec);
    Templates.Version launchFrom =
        leaveVersionToRefresh ? RefreshVersions.numbered(g).orElse(v) : v;
    pin(ref, GroupShape.of(spec.pool().machine(), launchFrom.templateId(), launchFrom.number()));
    boolean sameTemplate = launchFrom.templateId().equals(v.templateId());
    templates.prune(v.templateId(), v.number(), sameTemplate ? launchFrom.number() : v.number());
    refreshVersions.madeFor(ref, v);
  }

  /**
   * Points the group at {@code shape}. AWS refuses to change a group's launch template or mixed
   * instances policy while an instance refresh with a desired configuration runs (the refresh owns
   * them until it ends): a second change made while an earlier apply's refresh still runs. That
   * refresh goes to a spec that is no longer wanted, so it is cancelled and waited out, and the
   * update is made again; the refresh this apply starts next rolls the machines on to the new spec.
   */
  private void pin(GroupRef ref, GroupShape shape) throws ProviderException {
    try {
      writes.pin(ref.cloudId(), ref.address(), shape);
    } catch (ProviderException e) {
      if (!"ValidationError".equals(e.cloudCode().orElse("")) || !refreshes.stopActive(ref)) {
        throw e;
      }
      writes.pin(ref.cloudId(), ref.address(), shape);
    }
  }

  /** The version with the spec's data in the group's own template (made anew if not ours). */
  private Templates.Version versionFor(AutoScalingGroup g, GroupSpec spec)
      throws ProviderException {
    Optional<Pinned> pinned = Pinned.of(g);
    Optional<LaunchTemplate> current = Optional.empty();
    if (pinned.isPresent()) {
      current =
          pinned.get().templateId() != null
              ? templates.findById(pinned.get().templateId())
              : templates.find(pinned.get().templateName());
    }
    if (current.isPresent() && templates.ownedByUs(current.get())) {
      return templates.ensureVersion(
          current.get().launchTemplateId(), current.get().launchTemplateName(), spec);
    }
    // An adopted group (launch configuration, or someone else's template): Poolform makes its own.
    return templates.ensure(spec);
  }

  @Override
  public void updateMetadata(GroupRef ref, GroupSpec spec) throws ProviderException {
    reader.invalidate();
    AutoScalingGroup g = recentGroup(ref);
    writes.retag(g, ref.address(), Tags.group(spec.tags()));
    // Labels also tag instances and volumes through the template: a new version with the same
    // machine data and spec hash, so no machine is replaced and later launches carry the labels.
    Optional<Pinned> pinned = Pinned.of(g);
    Templates.Version v = versionFor(g, spec);
    boolean samePin =
        pinned.isPresent()
            && pinned.get().number().map(n -> n == v.number()).orElse(false)
            && v.templateId().equals(pinned.get().templateId());
    // With engine = "cloud" and a machine change in the same apply, the new version also carries
    // the new machine: it is for the instance refresh to move the group there (see updateModel).
    if (!samePin && !refreshVersions.machineChangeLeftToRefresh(g, spec)) {
      pin(ref, GroupShape.of(spec.pool().machine(), v.templateId(), v.number()));
      templates.prune(v.templateId(), v.number(), v.number());
    }
  }

  @Override
  public void setCapacity(GroupRef ref, CapacityRequest capacity) throws ProviderException {
    reader.invalidate();
    writes.capacity(ref.cloudId(), ref.address(), capacity);
  }

  @Override
  public void terminate(GroupRef ref, List<String> machineIds, boolean decrementDesired)
      throws ProviderException {
    reader.invalidate();
    AutoScalingGroup g = recentGroup(ref);
    writes.terminate(g, ref.address(), machineIds, decrementDesired);
  }

  @Override
  public void delete(GroupRef ref) throws ProviderException {
    reader.invalidate();
    Optional<AutoScalingGroup> g = reader.group(ref.cloudId());
    String templateName = Names.template(ref.name());
    String templateId = null;
    if (g.isPresent()) {
      Optional<Pinned> p = Pinned.of(g.get());
      if (p.isPresent()) {
        templateId = p.get().templateId();
        if (p.get().templateName() != null) templateName = p.get().templateName();
      }
      if (!g.get().instances().isEmpty() || g.get().desiredCapacity() > 0) {
        writes.capacity(ref.cloudId(), ref.address(), CapacityRequest.of(0, 0, 0));
      }
      drain(ref);
      writes.delete(ref.cloudId(), ref.address());
    }
    Optional<LaunchTemplate> t =
        templateId != null ? templates.findById(templateId) : templates.find(templateName);
    if (t.isPresent() && templates.ownedByUs(t.get())) {
      templates.delete(t.get().launchTemplateId(), t.get().launchTemplateName(), ref.address());
    }
  }

  /**
   * Removes the ownership tags from the group and from its launch template (when the template is
   * this lineage's): neither is found by {@link #findOwned} any more. Instances launched before
   * keep the tags they were launched with; nothing reads them to decide ownership.
   */
  @Override
  public void release(GroupRef ref) throws ProviderException {
    reader.invalidate();
    AutoScalingGroup g = requireGroup(ref);
    writes.untag(g, ref.address(), Set.of(Tags.ADDRESS, Tags.LINEAGE));
    Optional<Pinned> p = Pinned.of(g);
    if (p.isEmpty()) return;
    Optional<LaunchTemplate> t =
        p.get().templateId() != null
            ? templates.findById(p.get().templateId())
            : templates.find(p.get().templateName());
    if (t.isPresent() && templates.ownedByUs(t.get())) templates.release(t.get(), ref.address());
  }

  /** Waits, bounded, until the group has no instances left. */
  private void drain(GroupRef ref) throws ProviderException {
    Instant deadline = clock.instant().plus(options.drainTimeout());
    while (true) {
      Optional<AutoScalingGroup> g = reader.group(ref.cloudId());
      if (g.isEmpty() || g.get().instances().isEmpty()) return;
      if (clock.instant().isAfter(deadline)) {
        throw new ProviderException(
            Kind.TRANSIENT,
            null,
            null,
            ref.address()
                + " still has "
                + g.get().instances().size()
                + " instances after "
                + options.drainTimeout().toMinutes()
                + " minutes of scaling to zero; run apply again to keep waiting.",
            null);
      }
      Calls.pause(options.pollInterval().toMillis());
    }
  }

  @Override
  public Optional<ObservedGroup> adopt(String cloudId) throws ProviderException {
    Optional<AutoScalingGroup> g = reader.group(cloudId);
    if (g.isEmpty()) return Optional.empty();
    String address = GroupReader.tags(g.get().tags()).getOrDefault(Tags.ADDRESS, "");
    Map<String, LaunchTemplateVersion> v = reader.pinnedVersions(List.of(g.get()));
    return Optional.of(
        GroupReader.observe(
            address, g.get(), Optional.ofNullable(v.get(cloudId)), rootDevices(v.values())));
  }

  @Override
  public Optional<CloudRollouts> cloudRollouts() {
    return Optional.of(refreshes);
  }

  /** Scaling activities, one account-wide read for all groups ({@link ScalingActivities}). */
  @Override
  public List<CloudEvent> recentEvents(Collection<GroupRef> groups, java.time.Instant since)
      throws ProviderException {
    return ScalingActivities.since(aws, groups, since);
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
    return images.isEmpty() ? Map.of() : this.images.of(images);
  }

  /** The group as the session last saw it (a poll, the plan, its own writes), else read now. */
  private AutoScalingGroup recentGroup(GroupRef ref) throws ProviderException {
    return orMissing(ref, reader.recentOrRead(ref.cloudId()));
  }

  private AutoScalingGroup requireGroup(GroupRef ref) throws ProviderException {
    return orMissing(ref, reader.group(ref.cloudId()));
  }

  private static AutoScalingGroup orMissing(GroupRef ref, Optional<AutoScalingGroup> g)
      throws ProviderException {
    return g.orElseThrow(
        () ->
            new ProviderException(
                Kind.NOT_FOUND,
                null,
                null,
                "Auto Scaling group `"
                    + ref.cloudId()
                    + "` of "
                    + ref.address()
                    + " does not exist.",
                null));
  }

  @Override
  public void close() {
    aws.close();
  }
}
