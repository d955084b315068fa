package dev.poolform.provider.aws.session;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.ec2.model.LaunchTemplate;

/**
 * The launch templates this session has listed, read or made, by id and by name, kept up to date by
 * the session's own writes (a new version raises the latest version number). A plan lists the
 * lineage's templates once; the apply that follows then needs no template read to decide whether a
 * template is Poolform's and which version is its latest. The state lock keeps other Poolform runs
 * out meanwhile; a change by hand during the apply is seen by the next plan.
 */
final class TemplateCatalog {
  private final Map<String, LaunchTemplate> byId = new ConcurrentHashMap<>();
  private final Map<String, String> idByName = new ConcurrentHashMap<>();

  void put(LaunchTemplate t) {
    if (t.launchTemplateId() == null) return;
    byId.put(t.launchTemplateId(), t);
    if (t.launchTemplateName() != null) idByName.put(t.launchTemplateName(), t.launchTemplateId());
  }

  Optional<LaunchTemplate> byId(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  Optional<LaunchTemplate> byName(String name) {
    String id = idByName.get(name);
    return id == null ? Optional.empty() : byId(id);
  }

  /** The template got version {@code number} (this session made it). */
  void latest(String id, long number) {
    byId.computeIfPresent(
        id,
        (k, t) ->
            t.latestVersionNumber() != null && t.latestVersionNumber() >= number
                ? t
                : t.toBuilder().latestVersionNumber(number).build());
  }

  /**
   * Forgets a template: it was deleted, or a write to it failed in a way that leaves it unknown.
   */
  void forget(String id) {
    LaunchTemplate t = byId.remove(id);
    if (t != null && t.launchTemplateName() != null) idByName.remove(t.launchTemplateName(), id);
  }
}
