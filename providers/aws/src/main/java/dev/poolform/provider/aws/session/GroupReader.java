package dev.poolform.provider.aws.session;

import dev.poolform.provider.aws.connect.AwsClients;
import dev.poolform.provider.aws.mapping.MachineReadBack;
import dev.poolform.provider.aws.mapping.Names;
import dev.poolform.provider.aws.mapping.Tags;
import dev.poolform.runtime.provider.GroupRef;
import dev.poolform.runtime.provider.ObservedGroup;
import dev.poolform.runtime.provider.ProviderException;
import dev.poolform.stdlib.value.MapValue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.arns.Arn;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.DescribeAutoScalingGroupsRequest;
import software.amazon.awssdk.services.autoscaling.model.DescribeAutoScalingGroupsResponse;
import software.amazon.awssdk.services.autoscaling.model.Filter;
import software.amazon.awssdk.services.autoscaling.model.TagDescription;
import software.amazon.awssdk.services.ec2.model.DescribeLaunchTemplateVersionsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeLaunchTemplateVersionsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeLaunchTemplatesRequest;
import software.amazon.awssdk.services.ec2.model.LaunchTemplate;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateTagSpecification;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateVersion;
import software.amazon.awssdk.services.ec2.model.ResponseLaunchTemplateData;

/**
 * Batched reads. Groups come 100 names per DescribeAutoScalingGroups call (the API's maximum).
 * Template versions are immutable once made, so each is read once per session ({@link
 * VersionCache}); the first read of many comes account-wide: Poolform pins each group to its
 * template's latest version, so one DescribeLaunchTemplateVersions({@code $Latest}) page of 200
 * answers for 200 pools. Versions still missing cost one call per template.
 *
 * <p>The reader also remembers each group as it last saw it, kept current by the session's own
 * writes ({@link #wrote}): a write that would change nothing is then skipped, and a step that
 * follows a poll needs no read of its own. A read that began before a write to the group never
 * overwrites what that write left.
 */
final class GroupReader {
  /** The API's maximum names per DescribeAutoScalingGroups (moto answers HTTP 500 above it). */
  static final int GROUP_BATCH = 100;

  /** The API's maximum page of DescribeLaunchTemplateVersions. */
  static final int VERSION_PAGE = 200;

  /**
   * Below this many groups, asking each template directly is cheaper than the account-wide scan.
   */
  static final int ACCOUNT_SCAN_FROM = 4;

  private final AwsClients aws;
  private final VersionCache versions;
  private final TemplateCatalog catalog;

  /** Each group as last read or written, and a count of writes per group. */
  private final Map<String, AutoScalingGroup> recent = new ConcurrentHashMap<>();

  private final Map<String, Long> writes = new ConcurrentHashMap<>();

  /**
   * The account-wide listings of the current refresh, reused by its read-then-findOwned pair so a
   * refresh of 1,000 pools lists each thing once, however slowly the API answers. The next refresh
   * ({@link #beginRefresh}) and any write of the session ({@link #invalidate}) drop them: a listing
   * never outlives the refresh it was made for.
   */
  private volatile Map<String, AutoScalingGroup> lineageGroups;

  private volatile String lineageOfCache;

  /**
   * Every template's latest version as the current refresh scanned them account-wide; null when it
   * has not.
   */
  private volatile List<LaunchTemplateVersion> scanned;

  /**
   * The account-wide scan of latest versions, started in the background while a long listing of the
   * lineage's groups goes on ({@link #scanAhead}); taken by the next {@link #scanLatest}.
   */
  private volatile CompletableFuture<List<LaunchTemplateVersion>> scanning;

  /**
   * Whether the lineage's listing was made before the refresh that will use it began (to learn the
   * account, {@link #accountOfLineage}): the next {@link #beginRefresh} keeps it, once.
   */
  private volatile boolean primed;

  GroupReader(AwsClients aws, VersionCache versions, TemplateCatalog catalog) {
    this.aws = aws;
    this.versions = versions;
    this.catalog = catalog;
  }

  /** Forgets the listings: called around every write. */
  void invalidate() {
    lineageGroups = null;
    scanned = null;
    scanning = null;
    primed = false;
  }

  /**
   * A refresh begins (a plan's read of its groups): it lists afresh what it needs, but for a
   * listing made for it just before ({@link #accountOfLineage}, at the start of the same plan).
   */
  void beginRefresh() {
    if (primed) primed = false;
    else invalidate();
  }

  /** Whether the current refresh has listed the lineage's groups already. */
  boolean listed(String lineage) {
    return lineageGroups != null && lineage.equals(lineageOfCache);
  }

  /**
   * The account of the lineage's groups, from their ARNs ({@code
   * arn:PARTITION:autoscaling:REGION:ACCOUNT:autoScalingGroup:...}): DescribeAutoScalingGroups
   * lists only the caller's own account, so this is the account the credentials reach, learnt from
   * the listing the plan makes anyway. The listing is kept for the refresh that follows. Empty when
   * the lineage has no group here (or an ARN does not say).
   */
  Optional<String> accountOfLineage(String lineage) throws ProviderException {
    Map<String, AutoScalingGroup> groups = groupsOfLineage(lineage);
    primed = true;
    for (AutoScalingGroup g : groups.values()) {
      Optional<String> account =
          Optional.ofNullable(g.autoScalingGroupARN())
              .flatMap(Arn::tryFromString)
              .flatMap(Arn::accountId)
              .filter(a -> a.matches("[0-9]{12}"));
      if (account.isPresent()) {
        return account;
      }
    }
    return Optional.empty();
  }

  /** The group as last read or written by this session, if it was. */
  Optional<AutoScalingGroup> recent(String name) {
    return Optional.ofNullable(recent.get(name));
  }

  /** The group as last seen, else read now. */
  Optional<AutoScalingGroup> recentOrRead(String name) throws ProviderException {
    AutoScalingGroup g = recent.get(name);
    return g != null ? Optional.of(g) : group(name);
  }

  /**
   * A write to the group went through; {@code change} is what it did to the group (null: unknown,
   * the next read tells). Reads that began before it do not overwrite the result.
   */
  void wrote(String name, UnaryOperator<AutoScalingGroup> change) {
    writes.merge(name, 1L, Long::sum);
    if (change == null) recent.remove(name);
    else recent.computeIfPresent(name, (k, g) -> change.apply(g));
  }

  /** Groups by name; absent names are missing from the result. */
  Map<String, AutoScalingGroup> groups(Collection<String> names) throws ProviderException {
    List<String> all = names.stream().distinct().toList();
    Map<String, Long> before = writeCounts(all);
    Map<String, AutoScalingGroup> out = new LinkedHashMap<>();
    for (int i = 0; i < all.size(); i += GROUP_BATCH) {
      List<String> batch = all.subList(i, Math.min(all.size(), i + GROUP_BATCH));
      collect(
          "reading Auto Scaling groups",
          t ->
              DescribeAutoScalingGroupsRequest.builder()
                  .autoScalingGroupNames(batch)
                  .maxRecords(GROUP_BATCH)
                  .nextToken(t)
                  .build(),
          out);
    }
    for (String n : all) remember(n, out.get(n), before.get(n));
    return out;
  }

  private Map<String, Long> writeCounts(Collection<String> names) {
    Map<String, Long> m = new HashMap<>();
    for (String n : names) m.put(n, writes.getOrDefault(n, 0L));
    return m;
  }

  /** Keeps what a read saw, unless the session wrote to the group since the read began. */
  private void remember(String name, AutoScalingGroup g, Long writesBefore) {
    if (writesBefore == null || !writesBefore.equals(writes.getOrDefault(name, 0L))) return;
    if (g == null) recent.remove(name);
    else recent.put(name, g);
  }

  /** AWS's status of a group whose deletion has begun and not finished. */
  static final String DELETE_IN_PROGRESS = "Delete in progress";

  static boolean deleting(AutoScalingGroup g) {
    return DELETE_IN_PROGRESS.equals(g.status());
  }

  Optional<AutoScalingGroup> group(String name) throws ProviderException {
    return Optional.ofNullable(groups(List.of(name)).get(name));
  }

  /** Groups carrying {@code poolform:lineage = lineage}. */
  Map<String, AutoScalingGroup> groupsOfLineage(String lineage) throws ProviderException {
    Map<String, AutoScalingGroup> c = lineageGroups;
    if (c != null && lineage.equals(lineageOfCache)) return c;
    Map<String, AutoScalingGroup> out = new LinkedHashMap<>();
    Map<String, Long> before = new HashMap<>(writes);
    collect(
        "listing the Auto Scaling groups of this configuration",
        t ->
            DescribeAutoScalingGroupsRequest.builder()
                .filters(Filter.builder().name("tag:" + Tags.LINEAGE).values(lineage).build())
                .maxRecords(GROUP_BATCH)
                .nextToken(t)
                .build(),
        out,
        () -> scanAhead(out.values()));
    out.forEach((n, g) -> remember(n, g, before.getOrDefault(n, 0L)));
    lineageOfCache = lineage;
    lineageGroups = out;
    return out;
  }

  /**
   * Groups by name for a large read: one tag-filtered listing of the lineage's groups (100 per
   * page, reused by a following findOwned), then only the names it did not contain by name.
   */
  Map<String, AutoScalingGroup> groupsViaLineage(Collection<String> names, String lineage)
      throws ProviderException {
    Map<String, AutoScalingGroup> all = groupsOfLineage(lineage);
    Map<String, AutoScalingGroup> out = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    for (String n : names) {
      AutoScalingGroup g = all.get(n);
      if (g != null) out.put(n, g);
      else missing.add(n);
    }
    if (!missing.isEmpty()) out.putAll(groups(missing));
    return out;
  }

  private void collect(
      String what,
      Function<String, DescribeAutoScalingGroupsRequest> page,
      Map<String, AutoScalingGroup> out)
      throws ProviderException {
    collect(what, page, out, () -> {});
  }

  /**
   * Every page of a listing into {@code out}; {@code afterPage} runs after each page but the last.
   */
  private void collect(
      String what,
      Function<String, DescribeAutoScalingGroupsRequest> page,
      Map<String, AutoScalingGroup> out,
      Runnable afterPage)
      throws ProviderException {
    String token = null;
    do {
      DescribeAutoScalingGroupsRequest req = page.apply(token);
      DescribeAutoScalingGroupsResponse r =
          Calls.read(what, () -> aws.asgRead().describeAutoScalingGroups(req));
      for (AutoScalingGroup g : r.autoScalingGroups()) {
        // A deleted group stays listed while AWS finishes deleting it: it is gone for Poolform.
        if (deleting(g)) continue;
        out.put(g.autoScalingGroupName(), g);
      }
      token = r.nextToken();
      if (token != null && !token.isEmpty()) afterPage.run();
    } while (token != null && !token.isEmpty());
  }

  /** Template names per DescribeLaunchTemplates when looking up a few by name. */
  static final int NAMES_PER_LOOKUP = 100;

  /**
   * The launch templates tagged with {@code lineage} that no group launches from ({@code used}:
   * template ids, and {@code name:NAME}): what a crash between creating a pool's template and its
   * group leaves behind. When this refresh has scanned every template's latest version (a read of
   * {@value #ACCOUNT_SCAN_FROM} or more pools), only a Poolform-named template that no group uses
   * and whose latest version tags its machines with this lineage, or with none, can be one: those
   * few are looked up by name (none in a plan whose templates are all in use: no call). Otherwise
   * the lineage's templates are listed, 200 a page.
   */
  List<LaunchTemplate> unusedTemplatesOfLineage(String lineage, Set<String> used)
      throws ProviderException {
    List<LaunchTemplateVersion> latest = scanned;
    if (latest == null && scanning != null) latest = scanLatest();
    if (latest == null) return listTemplates(lineage, List.of());
    List<String> names = new ArrayList<>();
    for (LaunchTemplateVersion v : latest) {
      String name = v.launchTemplateName();
      if (name == null || !name.startsWith(Names.TEMPLATE_PREFIX)) continue;
      if (used.contains(v.launchTemplateId()) || used.contains("name:" + name)) continue;
      Optional<String> owner = machineLineage(v);
      if (owner.isEmpty() || owner.get().equals(lineage)) names.add(name);
    }
    List<LaunchTemplate> out = new ArrayList<>();
    for (int i = 0; i < names.size(); i += NAMES_PER_LOOKUP) {
      out.addAll(
          listTemplates(lineage, names.subList(i, Math.min(names.size(), i + NAMES_PER_LOOKUP))));
    }
    return out;
  }

  /** The lineage a template version tags its machines with, if it tags them with one. */
  private static Optional<String> machineLineage(LaunchTemplateVersion v) {
    ResponseLaunchTemplateData d = v.launchTemplateData();
    if (d == null || !d.hasTagSpecifications()) return Optional.empty();
    return d.tagSpecifications().stream()
        .filter(LaunchTemplateTagSpecification::hasTags)
        .flatMap(t -> t.tags().stream())
        .filter(t -> Tags.LINEAGE.equals(t.key()))
        .map(software.amazon.awssdk.services.ec2.model.Tag::value)
        .findFirst();
  }

  /** Templates tagged with the lineage, all of them or only those of {@code names} when given. */
  private List<LaunchTemplate> listTemplates(String lineage, List<String> names)
      throws ProviderException {
    List<software.amazon.awssdk.services.ec2.model.Filter> filters = new ArrayList<>();
    filters.add(
        software.amazon.awssdk.services.ec2.model.Filter.builder()
            .name("tag:" + Tags.LINEAGE)
            .values(lineage)
            .build());
    if (!names.isEmpty()) {
      filters.add(
          software.amazon.awssdk.services.ec2.model.Filter.builder()
              .name("launch-template-name")
              .values(names)
              .build());
    }
    List<LaunchTemplate> out = new ArrayList<>();
    String token = null;
    do {
      String t = token;
      var r =
          Calls.read(
              "listing the launch templates of this configuration",
              () ->
                  aws.ec2Read()
                      .describeLaunchTemplates(
                          DescribeLaunchTemplatesRequest.builder()
                              .filters(filters)
                              .maxResults(VERSION_PAGE)
                              .nextToken(t)
                              .build()));
      out.addAll(r.launchTemplates());
      r.launchTemplates().forEach(catalog::put);
      token = r.nextToken();
    } while (token != null && !token.isEmpty());
    return out;
  }

  /** The pinned template version data of each group, keyed by group name. */
  Map<String, LaunchTemplateVersion> pinnedVersions(Collection<AutoScalingGroup> groups)
      throws ProviderException {
    Map<String, LaunchTemplateVersion> out = new HashMap<>();
    List<AutoScalingGroup> missing = new ArrayList<>();
    for (AutoScalingGroup g : groups) {
      Optional<Pinned> p = Pinned.of(g);
      if (p.isEmpty()) continue;
      Optional<LaunchTemplateVersion> v = versions.get(p.get());
      if (v.isPresent()) out.put(g.autoScalingGroupName(), v.get());
      else missing.add(g);
    }
    // A scan already under way (started ahead) is awaited for even one missing version.
    boolean scan = missing.size() >= ACCOUNT_SCAN_FROM || (!missing.isEmpty() && scanning != null);
    if (scan && scanLatest() != null) {
      List<AutoScalingGroup> still = new ArrayList<>();
      for (AutoScalingGroup g : missing) {
        Optional<LaunchTemplateVersion> v = versions.get(Pinned.of(g).get());
        if (v.isPresent()) out.put(g.autoScalingGroupName(), v.get());
        else still.add(g);
      }
      missing = still;
    }
    for (AutoScalingGroup g : missing) {
      version(Pinned.of(g).get()).ifPresent(v -> out.put(g.autoScalingGroupName(), v));
    }
    return out;
  }

  /**
   * Reads every template's latest version account-wide (200 a page) into the cache, at most once
   * per refresh (and again after a write); null when it was done already (what is missing then is
   * not among the latest versions).
   */
  private List<LaunchTemplateVersion> scanLatest() throws ProviderException {
    if (scanned != null) return null;
    CompletableFuture<List<LaunchTemplateVersion>> ahead = scanning;
    scanning = null;
    List<LaunchTemplateVersion> all = ahead != null ? await(ahead) : latestVersions();
    scanned = all;
    return all;
  }

  /**
   * A listing of the lineage's groups has another page to come and already holds groups enough for
   * the account-wide scan: the scan starts now, on its own thread, and its pages come while the
   * listing's are read (the template versions do not depend on the groups). Each side's answers are
   * parsed while the other waits for AWS: a plan of 1,000 pools waits for 15 answers in about the
   * time of the listing's 10.
   */
  private void scanAhead(Collection<AutoScalingGroup> listed) {
    if (scanned != null || scanning != null) return;
    int missing = 0;
    for (AutoScalingGroup g : listed) {
      Optional<Pinned> p = Pinned.of(g);
      if (p.isPresent() && versions.get(p.get()).isEmpty()) missing++;
    }
    if (missing < ACCOUNT_SCAN_FROM) return;
    scanning =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return latestVersions();
              } catch (ProviderException e) {
                throw new CompletionException(e);
              }
            },
            AHEAD);
  }

  /** One daemon thread for the scans ahead: a plan never waits on it to exit. */
  private static final Executor AHEAD =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "aws-scan-ahead");
            t.setDaemon(true);
            return t;
          });

  private static List<LaunchTemplateVersion> await(CompletableFuture<List<LaunchTemplateVersion>> f)
      throws ProviderException {
    try {
      return f.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof ProviderException p) throw p;
      if (e.getCause() instanceof RuntimeException r) throw r;
      throw e;
    }
  }

  /** Every template's latest version, account-wide, 200 a page, into the cache. */
  private List<LaunchTemplateVersion> latestVersions() throws ProviderException {
    List<LaunchTemplateVersion> all = new ArrayList<>();
    String token = null;
    do {
      String t = token;
      DescribeLaunchTemplateVersionsResponse r =
          Calls.read(
              "reading launch template versions",
              () ->
                  aws.ec2Read()
                      .describeLaunchTemplateVersions(
                          DescribeLaunchTemplateVersionsRequest.builder()
                              .versions("$Latest")
                              .maxResults(VERSION_PAGE)
                              .nextToken(t)
                              .build()));
      r.launchTemplateVersions().forEach(versions::put);
      all.addAll(r.launchTemplateVersions());
      token = r.nextToken();
    } while (token != null && !token.isEmpty());
    return all;
  }

  /** One template version, from the cache or asked for directly (numbered ones are cached). */
  Optional<LaunchTemplateVersion> version(Pinned p) throws ProviderException {
    Optional<LaunchTemplateVersion> cached = versions.get(p);
    if (cached.isPresent()) return cached;
    var b = DescribeLaunchTemplateVersionsRequest.builder().versions(p.version());
    if (p.templateId() != null) b.launchTemplateId(p.templateId());
    else b.launchTemplateName(p.templateName());
    try {
      var r =
          Calls.read(
              "reading launch template version " + p.version(),
              () -> aws.ec2Read().describeLaunchTemplateVersions(b.build()));
      Optional<LaunchTemplateVersion> v = r.launchTemplateVersions().stream().findFirst();
      if (p.number().isPresent()) v.ifPresent(versions::put);
      return v;
    } catch (ProviderException e) {
      if (e.kind() == ProviderException.Kind.NOT_FOUND
          || e.kind() == ProviderException.Kind.INVALID_VALUE) {
        return Optional.empty(); // the template or version was deleted outside Poolform
      }
      throw e;
    }
  }

  /** The observed form of a group. */
  static ObservedGroup observe(
      String address,
      AutoScalingGroup g,
      Optional<LaunchTemplateVersion> v,
      Map<String, String> rootDevices) {
    Optional<ResponseLaunchTemplateData> data = v.map(LaunchTemplateVersion::launchTemplateData);
    Optional<String> root = data.map(ResponseLaunchTemplateData::imageId).map(rootDevices::get);
    MapValue machine = MachineReadBack.of(g, data, root);
    Map<String, String> tags = tags(g.tags());
    String name = g.autoScalingGroupName();
    return new ObservedGroup(
        new GroupRef(address, poolName(address, name), name),
        g.minSize(),
        g.maxSize(),
        g.desiredCapacity(),
        data.flatMap(MachineReadBack::specHash),
        machine,
        tags,
        g.instances().size(),
        Optional.empty());
  }

  static String poolName(String address, String groupName) {
    return address != null && address.startsWith("pool.") ? address.substring(5) : groupName;
  }

  static Map<String, String> tags(List<TagDescription> tags) {
    Map<String, String> out = new LinkedHashMap<>();
    tags.forEach(t -> out.put(t.key(), t.value() == null ? "" : t.value()));
    return out;
  }

  /** The template a group should have when Poolform made it. */
  static String expectedTemplate(String poolName) {
    return Names.template(poolName);
  }
}
