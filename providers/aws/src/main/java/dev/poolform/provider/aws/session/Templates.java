package dev.poolform.provider.aws.session;

import dev.poolform.provider.aws.connect.AwsClients;
import dev.poolform.provider.aws.errors.AwsErrors;
import dev.poolform.provider.aws.mapping.Names;
import dev.poolform.provider.aws.mapping.Tags;
import dev.poolform.provider.aws.mapping.TemplateData;
import dev.poolform.runtime.provider.GroupSpec;
import dev.poolform.runtime.provider.Ownership;
import dev.poolform.runtime.provider.ProviderException;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.model.CreateLaunchTemplateRequest;
import software.amazon.awssdk.services.ec2.model.CreateLaunchTemplateVersionRequest;
import software.amazon.awssdk.services.ec2.model.CreateTagsRequest;
import software.amazon.awssdk.services.ec2.model.DeleteLaunchTemplateRequest;
import software.amazon.awssdk.services.ec2.model.DeleteLaunchTemplateVersionsRequest;
import software.amazon.awssdk.services.ec2.model.DeleteTagsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeLaunchTemplateVersionsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeLaunchTemplatesRequest;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.LaunchTemplate;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateVersion;
import software.amazon.awssdk.services.ec2.model.RequestLaunchTemplateData;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * A pool's launch template: created once, a new version for each change of the machine data (the
 * group is pinned to it: the latest version, which is what makes reads batchable), old versions
 * pruned every few updates. The template's default version is left alone: Poolform always names a
 * version, and setting the default would cost a call per update for nothing. Every step is safe to
 * repeat after a crash: a latest version whose description carries the wanted fingerprint is reused
 * rather than created again. What the session already knows of its templates and versions ({@link
 * TemplateCatalog}, {@link VersionCache}) is used before asking EC2.
 */
final class Templates {
  private static final System.Logger LOG = System.getLogger(Templates.class.getName());

  /** Names per DescribeLaunchTemplates filter, and its page size (the API's maximum is 200). */
  static final int NAMES_PER_FILTER = 200;

  private final AwsClients aws;
  private final String lineage;
  private final TemplateCatalog catalog;
  private final VersionCache versions;
  private final RootDevices roots;

  Templates(
      AwsClients aws,
      String lineage,
      TemplateCatalog catalog,
      VersionCache versions,
      RootDevices roots) {
    this.aws = aws;
    this.lineage = lineage;
    this.catalog = catalog;
    this.versions = versions;
    this.roots = roots;
  }

  /**
   * Where the spec's disk settings go: its image's root device (read only when there is a disk).
   */
  private String rootDevice(GroupSpec spec) throws ProviderException {
    var machine = spec.pool().machine();
    if (machine.map("disk").isEmpty()) return TemplateData.DEFAULT_ROOT_DEVICE;
    Optional<String> image = machine.string("image");
    if (image.isEmpty()) return TemplateData.DEFAULT_ROOT_DEVICE;
    return roots.of(image.get()).orElse(TemplateData.DEFAULT_ROOT_DEVICE);
  }

  /** A template and the version number to pin. */
  record Version(String templateId, String templateName, long number) {}

  private static Map<String, String> machineTags(GroupSpec spec) {
    return Tags.machine(spec.tags(), spec.specHash());
  }

  /** Creates the pool's template, or takes over the one an interrupted create left behind. */
  Version ensure(GroupSpec spec) throws ProviderException {
    String name = Names.template(spec.name());
    Map<String, String> mtags = machineTags(spec);
    String root = rootDevice(spec);
    RequestLaunchTemplateData data = TemplateData.of(spec.pool().machine(), mtags, root);
    String fp = TemplateData.fingerprint(spec.pool().machine(), mtags, root);
    Optional<LaunchTemplate> existing = find(name);
    if (existing.isEmpty()) {
      var req =
          CreateLaunchTemplateRequest.builder()
              .launchTemplateName(name)
              .versionDescription(fp)
              .launchTemplateData(data)
              .tagSpecifications(
                  TagSpecification.builder()
                      .resourceType(ResourceType.LAUNCH_TEMPLATE)
                      .tags(ec2Tags(Tags.template(spec.tags())))
                      .build())
              .build();
      boolean[] foundAfterDrop = {false};
      try {
        LaunchTemplate t =
            Calls.write(
                "creating launch template `" + name + "` of " + spec.address(),
                () -> aws.ec2Write().createLaunchTemplate(req).launchTemplate(),
                () -> {
                  Optional<LaunchTemplate> f = find(name);
                  foundAfterDrop[0] = f.isPresent();
                  return f;
                });
        catalog.put(t);
        if (!foundAfterDrop[0]) {
          // Created just now: version 1 is the spec.
          return new Version(t.launchTemplateId(), name, t.latestVersionNumber());
        }
        existing = Optional.of(t);
      } catch (ProviderException e) {
        if (!"InvalidLaunchTemplateName.AlreadyExistsException".equals(e.cloudCode().orElse(""))) {
          throw e;
        }
        existing = find(name); // created meanwhile by an earlier attempt
        if (existing.isEmpty()) throw e;
      }
    }
    LaunchTemplate t = existing.get();
    requireOwned(t, spec);
    return ensureVersion(t.launchTemplateId(), name, spec);
  }

  private void requireOwned(LaunchTemplate t, GroupSpec spec) throws ProviderException {
    Optional<ProviderException> refused = refusal(t, spec.address(), lineage);
    if (refused.isPresent()) throw refused.get();
  }

  /**
   * A template of another pool holds the name (of another lineage, of none, or this lineage's under
   * another address: a killed create's leftover of a pool renamed since): the pool's create
   * refuses, by the rule the group's create follows ({@link Ownership#samePool}).
   */
  static Optional<ProviderException> refusal(LaunchTemplate t, String address, String lineage) {
    Map<String, String> tags = tags(t);
    if (Ownership.samePool(tags, address, lineage)) return Optional.empty();
    return Optional.of(
        new ProviderException(
            ProviderException.Kind.CONFLICT,
            "AlreadyExists",
            null,
            "Launch template `"
                + t.launchTemplateName()
                + "` for "
                + address
                + " already exists and belongs to "
                + holder(tags, lineage),
            null));
  }

  /**
   * Whose the template is, and what to do. A leftover of this configuration's pool under another
   * address has no group to import (that pool's create stopped before making it): it is deleted, or
   * the new pool renamed.
   */
  private static String holder(Map<String, String> tags, String lineage) {
    String owner = tags.get(Ownership.LINEAGE);
    if (owner != null && owner.equals(lineage)) {
      return Ownership.holder(tags, lineage)
          + ", whose create stopped before making its group; delete it, or rename the pool.";
    }
    return (owner == null ? "no Poolform configuration" : "another Poolform configuration")
        + "; delete or rename it, or import its group with `pool import`.";
  }

  private static Map<String, String> tags(LaunchTemplate t) {
    Map<String, String> out = new LinkedHashMap<>();
    t.tags().forEach(x -> out.put(x.key(), x.value()));
    return out;
  }

  /**
   * Makes this lineage's template name {@code address}, the address of the pool whose group uses
   * it: a moved pool's ({@code moved}, {@code pool state mv}) template still names the old one. It
   * is retagged before the group, whose tag is what the plan reads to owe the retag, so a crash in
   * between leaves the retag owed and the next apply finishes it. Nothing to do costs no call.
   */
  void follow(LaunchTemplate t, String address) throws ProviderException {
    Map<String, String> tags = tags(t);
    if (!lineage.equals(tags.get(Tags.LINEAGE)) || address.equals(tags.get(Tags.ADDRESS))) return;
    Calls.write(
        "tagging launch template `" + t.launchTemplateName() + "` as " + address,
        () ->
            aws.ec2Write()
                .createTags(
                    CreateTagsRequest.builder()
                        .resources(t.launchTemplateId())
                        .tags(Tag.builder().key(Tags.ADDRESS).value(address).build())
                        .build()));
    tags.put(Tags.ADDRESS, address);
    catalog.put(t.toBuilder().tags(ec2Tags(tags)).build());
  }

  /** The templates among {@code names} that exist, by name: one filtered listing per 200 names. */
  Map<String, LaunchTemplate> named(Collection<String> names) throws ProviderException {
    List<String> all = names.stream().distinct().toList();
    Map<String, LaunchTemplate> out = new LinkedHashMap<>();
    for (int i = 0; i < all.size(); i += NAMES_PER_FILTER) {
      List<String> batch = all.subList(i, Math.min(all.size(), i + NAMES_PER_FILTER));
      String token = null;
      do {
        String t = token;
        var r =
            Calls.read(
                "reading the launch templates of new pools",
                () ->
                    aws.ec2Read()
                        .describeLaunchTemplates(
                            DescribeLaunchTemplatesRequest.builder()
                                .filters(
                                    Filter.builder()
                                        .name("launch-template-name")
                                        .values(batch)
                                        .build())
                                .maxResults(NAMES_PER_FILTER)
                                .nextToken(t)
                                .build()));
        for (LaunchTemplate lt : r.launchTemplates()) {
          out.put(lt.launchTemplateName(), lt);
          catalog.put(lt);
        }
        token = r.nextToken();
      } while (token != null && !token.isEmpty());
    }
    return out;
  }

  /**
   * Makes sure the template's latest version has the spec's data and returns it: the latest version
   * is reused when its fingerprint matches, else a new version is created.
   */
  Version ensureVersion(String templateId, String templateName, GroupSpec spec)
      throws ProviderException {
    Map<String, String> mtags = machineTags(spec);
    String root = rootDevice(spec);
    String fp = TemplateData.fingerprint(spec.pool().machine(), mtags, root);
    LaunchTemplateVersion latest = latestVersion(templateId);
    if (fp.equals(latest.versionDescription())) {
      return new Version(templateId, templateName, latest.versionNumber());
    }
    var req =
        CreateLaunchTemplateVersionRequest.builder()
            .launchTemplateId(templateId)
            .versionDescription(fp)
            .launchTemplateData(TemplateData.of(spec.pool().machine(), mtags, root))
            .build();
    LaunchTemplateVersion made;
    try {
      made =
          Calls.write(
              "creating a launch template version for " + spec.address(),
              () -> aws.ec2Write().createLaunchTemplateVersion(req).launchTemplateVersion(),
              () -> {
                LaunchTemplateVersion now = latest(templateId);
                return fp.equals(now.versionDescription()) ? Optional.of(now) : Optional.empty();
              });
    } catch (ProviderException e) {
      catalog.forget(templateId);
      throw e;
    }
    if (made.launchTemplateData() != null) versions.put(made);
    catalog.latest(templateId, made.versionNumber());
    return new Version(templateId, templateName, made.versionNumber());
  }

  /** The template's latest version, from what the session knows when it can. */
  private LaunchTemplateVersion latestVersion(String templateId) throws ProviderException {
    Optional<Long> n = catalog.byId(templateId).map(LaunchTemplate::latestVersionNumber);
    if (n.isPresent()) {
      Optional<LaunchTemplateVersion> v =
          versions.get(new Pinned(templateId, null, Long.toString(n.get())));
      if (v.isPresent()) return v.get();
    }
    return latest(templateId);
  }

  /**
   * Deletes versions older than the newest {@link VersionPruning#KEEP}, every {@link
   * VersionPruning#EVERY} updates. A failure here never fails the update: the versions are only
   * clutter, and a later update tries again. (moto does not implement
   * DeleteLaunchTemplateVersions.)
   *
   * @return the versions AWS reported deleted
   */
  List<Long> prune(String templateId, long latest, long pinned) {
    if (!VersionPruning.due(latest)) return List.of();
    Set<Long> inUse = new HashSet<>(Set.of(pinned));
    List<Long> doomed = VersionPruning.toDelete(latest, inUse);
    if (doomed.isEmpty()) return List.of();
    try {
      var r =
          aws.ec2BestEffort()
              .deleteLaunchTemplateVersions(
                  DeleteLaunchTemplateVersionsRequest.builder()
                      .launchTemplateId(templateId)
                      .versions(doomed.stream().map(String::valueOf).toList())
                      .build());
      return r.successfullyDeletedLaunchTemplateVersions().stream()
          .map(v -> v.versionNumber())
          .toList();
    } catch (SdkException e) {
      LOG.log(
          System.Logger.Level.DEBUG,
          "could not prune launch template versions "
              + doomed
              + " of "
              + templateId
              + ": "
              + AwsErrors.code(e));
      return List.of();
    }
  }

  /** Deletes the template; gone already is fine. */
  void delete(String templateIdOrNull, String templateName, String address)
      throws ProviderException {
    var b = DeleteLaunchTemplateRequest.builder();
    if (templateIdOrNull != null) b.launchTemplateId(templateIdOrNull);
    else b.launchTemplateName(templateName);
    if (templateIdOrNull != null) catalog.forget(templateIdOrNull);
    catalog.byName(templateName).ifPresent(t -> catalog.forget(t.launchTemplateId()));
    versions.forgetTemplate(templateIdOrNull, templateName);
    try {
      Calls.write(
          "deleting launch template `" + templateName + "` of " + address,
          () -> aws.ec2Write().deleteLaunchTemplate(b.build()));
    } catch (ProviderException e) {
      if (e.kind() != ProviderException.Kind.NOT_FOUND
          && !e.cloudCode().orElse("").contains("NotFound")) {
        throw e;
      }
    }
  }

  /** The template {@code pinned} names: by id where the group states one, else by name. */
  Optional<LaunchTemplate> of(Pinned pinned) throws ProviderException {
    return pinned.templateId() != null
        ? findById(pinned.templateId())
        : find(pinned.templateName());
  }

  Optional<LaunchTemplate> find(String name) throws ProviderException {
    Optional<LaunchTemplate> known = catalog.byName(name);
    if (known.isPresent()) return known;
    return describe(
        "reading launch template `" + name + "`",
        DescribeLaunchTemplatesRequest.builder().launchTemplateNames(name).build());
  }

  Optional<LaunchTemplate> findById(String id) throws ProviderException {
    Optional<LaunchTemplate> known = catalog.byId(id);
    if (known.isPresent()) return known;
    return describe(
        "reading launch template " + id,
        DescribeLaunchTemplatesRequest.builder().launchTemplateIds(id).build());
  }

  /** Reads the one template {@code request} names into the catalog; gone is empty. */
  private Optional<LaunchTemplate> describe(String what, DescribeLaunchTemplatesRequest request)
      throws ProviderException {
    Optional<LaunchTemplate> t;
    try {
      t =
          Calls.read(
              what,
              () ->
                  aws.ec2Read().describeLaunchTemplates(request).launchTemplates().stream()
                      .findFirst());
    } catch (ProviderException e) {
      if (e.cloudCode().orElse("").contains("NotFound")) return Optional.empty();
      throw e;
    }
    t.ifPresent(catalog::put);
    return t;
  }

  /**
   * Removes Poolform's ownership tags from the template resource ({@code pool state rm}): a
   * template tagged with the lineage whose group no longer is would read as a leftover.
   */
  void release(LaunchTemplate t, String address) throws ProviderException {
    List<Tag> drop =
        t.tags().stream()
            .filter(x -> Tags.LINEAGE.equals(x.key()) || Tags.ADDRESS.equals(x.key()))
            .map(x -> Tag.builder().key(x.key()).build())
            .toList();
    if (drop.isEmpty()) return;
    Calls.write(
        "removing the Poolform tags of launch template `"
            + t.launchTemplateName()
            + "` of "
            + address,
        () ->
            aws.ec2Write()
                .deleteTags(
                    DeleteTagsRequest.builder()
                        .resources(t.launchTemplateId())
                        .tags(drop)
                        .build()));
  }

  boolean ownedByUs(LaunchTemplate t) {
    return t.tags().stream()
        .anyMatch(x -> Tags.LINEAGE.equals(x.key()) && lineage.equals(x.value()));
  }

  LaunchTemplateVersion latest(String templateId) throws ProviderException {
    LaunchTemplateVersion v = describeLatest(templateId);
    versions.put(v);
    catalog.latest(templateId, v.versionNumber());
    return v;
  }

  private LaunchTemplateVersion describeLatest(String templateId) throws ProviderException {
    return Calls.read(
            "reading the latest launch template version",
            () ->
                aws.ec2Read()
                    .describeLaunchTemplateVersions(
                        DescribeLaunchTemplateVersionsRequest.builder()
                            .launchTemplateId(templateId)
                            .versions("$Latest")
                            .build()))
        .launchTemplateVersions()
        .get(0);
  }

  static List<Tag> ec2Tags(Map<String, String> m) {
    return m.entrySet().stream()
        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
        .toList();
  }
}
