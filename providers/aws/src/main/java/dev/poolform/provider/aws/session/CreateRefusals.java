package dev.poolform.provider.aws.session;

import dev.poolform.provider.aws.mapping.Names;
import dev.poolform.runtime.provider.NameTaken;
import dev.poolform.runtime.provider.Ownership;
import dev.poolform.runtime.provider.ProviderException;
import dev.poolform.runtime.provider.ProviderException.Kind;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.ec2.model.LaunchTemplate;

/**
 * When a pool's create refuses: the group's name (or its launch template's) is held by another
 * pool. The create and the plan share this one rule, so a plan says what apply would refuse.
 */
final class CreateRefusals {
  private final GroupReader reader;
  private final Templates templates;

  CreateRefusals(GroupReader reader, Templates templates) {
    this.reader = reader;
    this.templates = templates;
  }

  /** Throws the refusal when {@code g} is another pool's group. */
  void requireOwned(AutoScalingGroup g, String address, String lineage) throws ProviderException {
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
   * What {@link AwsSession#create} refuses, read for a plan: the new names' groups in one
   * DescribeAutoScalingGroups per 100, and, for names no group holds, their launch templates in one
   * filtered DescribeLaunchTemplates per 200 (a create refuses another configuration's template
   * too). A plan with no new pool makes neither call.
   */
  Map<String, ProviderException> of(Map<String, String> names, String lineage)
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
}
