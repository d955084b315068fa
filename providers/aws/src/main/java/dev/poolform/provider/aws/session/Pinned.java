package dev.poolform.provider.aws.session;

import java.util.Optional;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplateSpecification;

/**
 * The launch template version a group launches from.
 *
 * @param templateId the template's id (may be null when the group names it only)
 * @param templateName the template's name (may be null)
 * @param version the version as the group states it: a number, or {@code $Latest}/{@code $Default}
 *     for groups not made by Poolform
 */
record Pinned(String templateId, String templateName, String version) {

  static Optional<Pinned> of(AutoScalingGroup g) {
    LaunchTemplateSpecification spec = g.launchTemplate();
    if (spec == null
        && g.mixedInstancesPolicy() != null
        && g.mixedInstancesPolicy().launchTemplate() != null) {
      spec = g.mixedInstancesPolicy().launchTemplate().launchTemplateSpecification();
    }
    if (spec == null) return Optional.empty();
    return Optional.of(
        new Pinned(
            spec.launchTemplateId(),
            spec.launchTemplateName(),
            spec.version() == null ? "$Default" : spec.version()));
  }

  /** The pinned number, if the group names one. */
  Optional<Long> number() {
    try {
      return Optional.of(Long.parseLong(version));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
