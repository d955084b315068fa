package dev.poolform.provider.aws.session;

import dev.poolform.provider.aws.connect.ClientOptions;
import dev.poolform.provider.aws.mapping.Names;
import dev.poolform.provider.aws.mapping.Tags;
import dev.poolform.runtime.provider.CapacityRequest;
import dev.poolform.runtime.provider.GroupRef;
import dev.poolform.runtime.provider.ProviderException;
import dev.poolform.runtime.provider.ProviderException.Kind;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.ec2.model.LaunchTemplate;

/**
 * How a pool's group and launch template go: deleted (scaled to zero, drained, then the group and,
 * when it is this lineage's, the template), or released ({@code pool state rm}: the ownership tags
 * removed, everything else left running). Each is safe to repeat after a crash: a group or template
 * already gone is skipped.
 */
final class GroupRemoval {
  private final GroupReader reader;
  private final GroupWrites writes;
  private final Templates templates;
  private final ClientOptions options;
  private final Clock clock;

  GroupRemoval(
      GroupReader reader,
      GroupWrites writes,
      Templates templates,
      ClientOptions options,
      Clock clock) {
    this.reader = reader;
    this.writes = writes;
    this.templates = templates;
    this.options = options;
    this.clock = clock;
  }

  void delete(GroupRef ref) throws ProviderException {
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
   * this lineage's): neither is found by {@link GroupViews#findOwned} any more. Instances launched
   * before keep the tags they were launched with; nothing reads them to decide ownership.
   */
  void release(GroupRef ref) throws ProviderException {
    reader.invalidate();
    AutoScalingGroup g = AwsSession.orMissing(ref, reader.group(ref.cloudId()));
    writes.untag(g, ref.address(), Set.of(Tags.ADDRESS, Tags.LINEAGE));
    Optional<Pinned> p = Pinned.of(g);
    if (p.isEmpty()) return;
    Optional<LaunchTemplate> t = templates.of(p.get());
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
}
