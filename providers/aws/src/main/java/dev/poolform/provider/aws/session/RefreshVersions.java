package dev.poolform.provider.aws.session;

import dev.poolform.ir.IrRollout;
import dev.poolform.provider.aws.mapping.MachineReadBack;
import dev.poolform.provider.aws.mapping.Names;
import dev.poolform.runtime.provider.GroupRef;
import dev.poolform.runtime.provider.GroupSpec;
import dev.poolform.runtime.provider.ProviderException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplateSpecification;
import software.amazon.awssdk.services.ec2.model.LaunchTemplate;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateVersion;

/**
 * Which template version a group launches from when {@code engine = "cloud"}: the version it has
 * until an instance refresh succeeds. AWS sets a refresh's desired configuration on the group only
 * on success, and a rollback restores the configuration the group had when the refresh started;
 * pinning the new version first would make a rollback "restore" the new version.
 */
final class RefreshVersions {
  private final GroupReader reader;
  private final Templates templates;

  RefreshVersions(GroupReader reader, Templates templates) {
    this.reader = reader;
    this.templates = templates;
  }

  /** True when the instance refresh, not the session, moves the group to a new version. */
  static boolean refreshMovesVersion(GroupSpec spec) {
    return spec.pool().rollout().engine() == IrRollout.Engine.CLOUD;
  }

  /** The numbered version the group launches from now, if it names one by template id. */
  static Optional<Templates.Version> numbered(AutoScalingGroup g) {
    return Pinned.of(g)
        .filter(p -> p.templateId() != null && p.number().isPresent())
        .map(p -> new Templates.Version(p.templateId(), p.templateName(), p.number().get()));
  }

  /** The refresh moves the group to a different machine spec than the one it launches from now. */
  boolean machineChangeLeftToRefresh(AutoScalingGroup g, GroupSpec spec) throws ProviderException {
    if (!refreshMovesVersion(spec)) return false;
    Optional<Pinned> p = Pinned.of(g);
    if (p.isEmpty()) return false;
    return reader
        .version(p.get())
        .map(LaunchTemplateVersion::launchTemplateData)
        .flatMap(MachineReadBack::specHash)
        .map(h -> !h.equals(spec.specHash()))
        .orElse(false);
  }

  /** The version {@code updateModel} just made sure of, by group: where a refresh takes it. */
  private final Map<String, Templates.Version> made = new ConcurrentHashMap<>();

  void madeFor(GroupRef ref, Templates.Version v) {
    made.put(ref.cloudId(), v);
  }

  /**
   * Where an instance refresh takes the group: the version {@code updateModel} made sure of, which
   * the engine always calls before starting one; else (a refresh started by a later session) the
   * latest version of the pool's template (the group's own template when it is ours, else {@code
   * poolform-<pool>}).
   */
  Optional<LaunchTemplateSpecification> target(GroupRef ref) throws ProviderException {
    Templates.Version v = made.get(ref.cloudId());
    if (v != null) return Optional.of(spec(v.templateId(), v.number()));
    Optional<AutoScalingGroup> g = reader.recentOrRead(ref.cloudId());
    if (g.isEmpty()) return Optional.empty();
    Optional<LaunchTemplate> t = Optional.empty();
    Optional<Pinned> pinned = Pinned.of(g.get());
    if (pinned.isPresent() && pinned.get().templateId() != null)
      t = templates.findById(pinned.get().templateId());
    if (t.isEmpty() || !templates.ownedByUs(t.get()))
      t = templates.find(Names.template(ref.name()));
    Optional<LaunchTemplate> ours = t.filter(templates::ownedByUs);
    if (ours.isEmpty()) return Optional.empty();
    long latest = templates.latest(ours.get().launchTemplateId()).versionNumber();
    return Optional.of(spec(ours.get().launchTemplateId(), latest));
  }

  private static LaunchTemplateSpecification spec(String templateId, long number) {
    return LaunchTemplateSpecification.builder()
        .launchTemplateId(templateId)
        .version(Long.toString(number))
        .build();
  }
}
