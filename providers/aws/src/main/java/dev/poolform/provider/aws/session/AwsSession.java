package dev.poolform.provider.aws.session;

import dev.poolform.provider.aws.connect.AwsClients;
import dev.poolform.provider.aws.connect.ClientOptions;
import dev.poolform.provider.aws.mapping.GroupShape;
import dev.poolform.provider.aws.mapping.Tags;
import dev.poolform.provider.aws.rollout.InstanceRefreshes;
import dev.poolform.runtime.provider.CapacityRequest;
import dev.poolform.runtime.provider.CloudEvent;
import dev.poolform.runtime.provider.CloudIdentity;
import dev.poolform.runtime.provider.CloudRollouts;
import dev.poolform.runtime.provider.CloudSession;
import dev.poolform.runtime.provider.GroupRef;
import dev.poolform.runtime.provider.GroupSpec;
import dev.poolform.runtime.provider.Observation;
import dev.poolform.runtime.provider.ObservedGroup;
import dev.poolform.runtime.provider.ObservedMachine;
import dev.poolform.runtime.provider.ProviderException;
import dev.poolform.runtime.provider.ProviderException.Kind;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.ec2.model.LaunchTemplate;

/**
 * A session with one AWS account and region: a launch template and an Auto Scaling group per pool.
 * Every method is one logical step that is safe to repeat after a crash (see the class comments of
 * {@link Templates} and {@link Calls}).
 */
public final class AwsSession implements CloudSession {
  private final AwsClients aws;
  private final String lineage;
  private final GroupReader reader;
  private final Templates templates;
  private final GroupWrites writes;
  private final Machines machines;
  private final RefreshVersions refreshVersions;
  private final InstanceRefreshes refreshes;
  private final GroupViews views;
  private final CreateRefusals refusals;
  private final GroupRemoval removal;

  public AwsSession(AwsClients aws, String lineage, ClientOptions options, Clock clock) {
    this.aws = aws;
    this.lineage = lineage;
    VersionCache versions = new VersionCache();
    TemplateCatalog catalog = new TemplateCatalog();
    this.reader = new GroupReader(aws, versions, catalog);
    RootDevices images = new RootDevices(aws);
    this.templates = new Templates(aws, lineage, catalog, versions, images);
    this.writes = new GroupWrites(aws, reader);
    this.machines = new Machines(new InstanceFacts(aws), reader, new HealthWatch(clock));
    this.views = new GroupViews(lineage, reader, machines, images);
    this.refusals = new CreateRefusals(reader, templates);
    this.removal = new GroupRemoval(reader, writes, templates, options, clock);
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
    return views.read(refs);
  }

  /**
   * Groups tagged with the lineage, plus launch templates tagged with it whose group does not exist
   * (a crash between creating the template and the group): those come back as partial groups (sizes
   * 0, {@code partial}), which the engine never adopts but deletes as strays before creating the
   * pool again; {@link #delete} removes the template when the group is missing.
   */
  @Override
  public List<ObservedGroup> findOwned(String lineage) throws ProviderException {
    return views.findOwned(lineage);
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
    return views.observe(groups, withMachines);
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
      refusals.requireOwned(existing.get(), spec.address(), lineage);
      pinModel(ref, spec, false);
      writes.retag(existing.get(), spec.address(), Tags.group(spec.tags()));
      setCapacity(ref, capacity);
      return ref;
    }
    Templates.Version v = templates.ensure(spec);
    writes.create(spec, capacity, GroupShape.of(spec.pool().machine(), v.templateId(), v.number()));
    return ref;
  }

  /**
   * What {@link #create} refuses, read for a plan ({@link CreateRefusals}): a plan with no new pool
   * makes no call for it.
   */
  @Override
  public Map<String, ProviderException> createRefusals(Map<String, String> names, String lineage)
      throws ProviderException {
    return refusals.of(names, lineage);
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
      current = templates.of(pinned.get());
    }
    if (current.isPresent() && templates.ownedByUs(current.get())) {
      templates.follow(current.get(), spec.address());
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
    // Labels also tag instances and volumes through the template: a new version with the same
    // machine data and spec hash, so no machine is replaced and later launches carry the labels.
    // The template (its address follows a moved pool) before the group: see Templates#follow.
    Optional<Pinned> pinned = Pinned.of(g);
    Templates.Version v = versionFor(g, spec);
    writes.retag(g, ref.address(), Tags.group(spec.tags()));
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
    removal.delete(ref);
  }

  /**
   * Removes the ownership tags from the group and from its launch template (when the template is
   * this lineage's): neither is found by {@link #findOwned} any more.
   */
  @Override
  public void release(GroupRef ref) throws ProviderException {
    removal.release(ref);
  }

  @Override
  public Optional<ObservedGroup> adopt(String cloudId) throws ProviderException {
    return views.adopt(cloudId);
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

  /** The group as the session last saw it (a poll, the plan, its own writes), else read now. */
  private AutoScalingGroup recentGroup(GroupRef ref) throws ProviderException {
    return orMissing(ref, reader.recentOrRead(ref.cloudId()));
  }

  private AutoScalingGroup requireGroup(GroupRef ref) throws ProviderException {
    return orMissing(ref, reader.group(ref.cloudId()));
  }

  static AutoScalingGroup orMissing(GroupRef ref, Optional<AutoScalingGroup> g)
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
