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
import java.util.function.Function;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.DescribeAutoScalingGroupsRequest;
import software.amazon.awssdk.services.autoscaling.model.DescribeAutoScalingGroupsResponse;
import software.amazon.awssdk.services.autoscaling.model.Filter;
import software.amazon.awssdk.services.autoscaling.model.TagDescription;
import software.amazon.awssdk.services.ec2.model.DescribeLaunchTemplateVersionsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeLaunchTemplateVersionsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeLaunchTemplatesRequest;
import software.amazon.awssdk.services.ec2.model.LaunchTemplate;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateVersion;
import software.amazon.awssdk.services.ec2.model.ResponseLaunchTemplateData;

/**
 * Batched reads. Groups come 100 names per DescribeAutoScalingGroups call (the API's maximum).
 * Template versions come account-wide: Poolform keeps each template's default version equal to the
 * version its group is pinned to, so one DescribeLaunchTemplateVersions({@code $Default}) page of
 * 200 answers for 200 pools. Only groups pinned elsewhere (changed outside Poolform, or adopted)
 * cost one call each.
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

  /** How long a listing may be reused by the next read of the same session (no write between). */
  static final java.time.Duration REUSE = java.time.Duration.ofSeconds(10);

  private final AwsClients aws;

  /**
   * The last account-wide listings, reused by a plan's read-then-findOwned pair so a refresh of
   * 1,000 pools lists each thing once. Any write of the session drops them ({@link #invalidate}).
   */
  private record Cached<T>(T value, long at) {
    boolean fresh() {
      return System.nanoTime() - at < REUSE.toNanos();
    }
  }

  private volatile Cached<Map<String, AutoScalingGroup>> lineageGroups;
  private volatile String lineageOfCache;
  private volatile Cached<Map<String, LaunchTemplateVersion>> defaults;

  GroupReader(AwsClients aws) {
    this.aws = aws;
  }

  /** Forgets cached listings: called around every write. */
  void invalidate() {
    lineageGroups = null;
    defaults = null;
  }

  /** Groups by name; absent names are missing from the result. */
  Map<String, AutoScalingGroup> groups(Collection<String> names) throws ProviderException {
    List<String> all = names.stream().distinct().toList();
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
    return out;
  }

  Optional<AutoScalingGroup> group(String name) throws ProviderException {
    return Optional.ofNullable(groups(List.of(name)).get(name));
  }

  /** Groups carrying {@code poolform:lineage = lineage}. */
  Map<String, AutoScalingGroup> groupsOfLineage(String lineage) throws ProviderException {
    Cached<Map<String, AutoScalingGroup>> c = lineageGroups;
    if (c != null && c.fresh() && lineage.equals(lineageOfCache)) return c.value();
    Map<String, AutoScalingGroup> out = new LinkedHashMap<>();
    collect(
        "listing the Auto Scaling groups of this configuration",
        t ->
            DescribeAutoScalingGroupsRequest.builder()
                .filters(Filter.builder().name("tag:" + Tags.LINEAGE).values(lineage).build())
                .maxRecords(GROUP_BATCH)
                .nextToken(t)
                .build(),
        out);
    lineageOfCache = lineage;
    lineageGroups = new Cached<>(out, System.nanoTime());
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
    String token = null;
    do {
      DescribeAutoScalingGroupsRequest req = page.apply(token);
      DescribeAutoScalingGroupsResponse r =
          Calls.read(what, () -> aws.asgRead().describeAutoScalingGroups(req));
      r.autoScalingGroups().forEach(g -> out.put(g.autoScalingGroupName(), g));
      token = r.nextToken();
    } while (token != null && !token.isEmpty());
  }

  /** Launch templates carrying {@code poolform:lineage = lineage}. */
  List<LaunchTemplate> templatesOfLineage(String lineage) throws ProviderException {
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
                              .filters(
                                  software.amazon.awssdk.services.ec2.model.Filter.builder()
                                      .name("tag:" + Tags.LINEAGE)
                                      .values(lineage)
                                      .build())
                              .maxResults(VERSION_PAGE)
                              .nextToken(t)
                              .build()));
      out.addAll(r.launchTemplates());
      token = r.nextToken();
    } while (token != null && !token.isEmpty());
    return out;
  }

  /** The pinned template version data of each group, keyed by group name. */
  Map<String, LaunchTemplateVersion> pinnedVersions(Collection<AutoScalingGroup> groups)
      throws ProviderException {
    Map<String, LaunchTemplateVersion> out = new HashMap<>();
    List<AutoScalingGroup> rest = new ArrayList<>();
    if (groups.size() >= ACCOUNT_SCAN_FROM) {
      Map<String, LaunchTemplateVersion> defaults = accountDefaults();
      for (AutoScalingGroup g : groups) {
        Optional<Pinned> p = Pinned.of(g);
        if (p.isEmpty()) continue;
        LaunchTemplateVersion v = defaults.get(key(p.get()));
        if (v != null && matches(p.get(), v)) {
          out.put(g.autoScalingGroupName(), v);
        } else {
          rest.add(g);
        }
      }
    } else {
      rest.addAll(groups);
    }
    for (AutoScalingGroup g : rest) {
      Optional<Pinned> p = Pinned.of(g);
      if (p.isEmpty()) continue;
      version(p.get()).ifPresent(v -> out.put(g.autoScalingGroupName(), v));
    }
    return out;
  }

  private static String key(Pinned p) {
    if (p.templateId() != null) return p.templateId();
    return "name:" + p.templateName();
  }

  private static boolean matches(Pinned p, LaunchTemplateVersion v) {
    if (p.version().equals("$Default")) return true;
    return p.number().map(n -> n.equals(v.versionNumber())).orElse(false);
  }

  /** Every template's default version, keyed by template id and by {@code name:<name>}. */
  private Map<String, LaunchTemplateVersion> accountDefaults() throws ProviderException {
    Cached<Map<String, LaunchTemplateVersion>> c = defaults;
    if (c != null && c.fresh()) return c.value();
    Map<String, LaunchTemplateVersion> out = new HashMap<>();
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
                              .versions("$Default")
                              .maxResults(VERSION_PAGE)
                              .nextToken(t)
                              .build()));
      for (LaunchTemplateVersion v : r.launchTemplateVersions()) {
        out.put(v.launchTemplateId(), v);
        out.put("name:" + v.launchTemplateName(), v);
      }
      token = r.nextToken();
    } while (token != null && !token.isEmpty());
    defaults = new Cached<>(out, System.nanoTime());
    return out;
  }

  /** One template version, asked for directly. */
  Optional<LaunchTemplateVersion> version(Pinned p) throws ProviderException {
    var b = DescribeLaunchTemplateVersionsRequest.builder().versions(p.version());
    if (p.templateId() != null) b.launchTemplateId(p.templateId());
    else b.launchTemplateName(p.templateName());
    try {
      var r =
          Calls.read(
              "reading launch template version " + p.version(),
              () -> aws.ec2Read().describeLaunchTemplateVersions(b.build()));
      return r.launchTemplateVersions().stream().findFirst();
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
      String address, AutoScalingGroup g, Optional<LaunchTemplateVersion> v) {
    Optional<ResponseLaunchTemplateData> data = v.map(LaunchTemplateVersion::launchTemplateData);
    MapValue machine = MachineReadBack.of(g, data);
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
