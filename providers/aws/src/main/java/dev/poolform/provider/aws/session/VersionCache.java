package dev.poolform.provider.aws.session;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateVersion;

/**
 * Launch template versions this session has read or created, by template and number. A numbered
 * version never changes once created (EC2 only adds and deletes versions), so what was read once
 * answers every later read of the same session: polls cost no template reads at all.
 */
final class VersionCache {
  private final Map<String, LaunchTemplateVersion> byKey = new ConcurrentHashMap<>();

  Optional<LaunchTemplateVersion> get(Pinned p) {
    if (p.number().isEmpty()) return Optional.empty();
    long n = p.number().get();
    LaunchTemplateVersion v = null;
    if (p.templateId() != null) v = byKey.get(key(p.templateId(), n));
    if (v == null && p.templateName() != null) v = byKey.get(key("name:" + p.templateName(), n));
    return Optional.ofNullable(v);
  }

  void put(LaunchTemplateVersion v) {
    if (v.versionNumber() == null) return;
    if (v.launchTemplateId() != null) byKey.put(key(v.launchTemplateId(), v.versionNumber()), v);
    if (v.launchTemplateName() != null) {
      byKey.put(key("name:" + v.launchTemplateName(), v.versionNumber()), v);
    }
  }

  /** Forgets every version of a template (it was deleted). */
  void forgetTemplate(String templateId, String templateName) {
    byKey
        .keySet()
        .removeIf(
            k -> k.startsWith(templateId + "#") || k.startsWith("name:" + templateName + "#"));
  }

  private static String key(String template, long number) {
    return template + "#" + number;
  }
}
