package dev.poolform.provider.aws.session;

import dev.poolform.provider.aws.mapping.MachineReadBack;
import dev.poolform.runtime.provider.ObservedMachine;
import dev.poolform.runtime.provider.ObservedMachine.MachineState;
import dev.poolform.runtime.provider.ProviderException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.Instance;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateVersion;

/**
 * The machines of a group: membership, lifecycle and health from the group (Auto Scaling marks an
 * instance Unhealthy when EC2 reports it anything but running, so the group alone tells a machine's
 * state); the spec hash from the launch template version that launched the instance (the group
 * reports it per instance; the version's tag specification holds the hash), else from the {@code
 * poolform:spec-hash} tag that version put on the instance; launch time from EC2. What EC2 says is
 * read once per instance ({@link InstanceFacts}), and only where it is needed ({@link #load}).
 *
 * <p>{@code healthySince}: AWS publishes no "became healthy" time; {@link HealthWatch} gives the
 * first look of this session that found the instance InService and Healthy, or its launch time when
 * it was healthy already at the session's first look. The engine adds {@code min_ready}.
 */
final class Machines {
  private final InstanceFacts facts;
  private final GroupReader reader;
  private final HealthWatch health;

  Machines(InstanceFacts facts, GroupReader reader, HealthWatch health) {
    this.facts = facts;
    this.reader = reader;
    this.health = health;
  }

  /**
   * Reads what EC2 knows of the groups' instances not seen yet, in as few calls as it takes; only
   * of instances not launched from the version the group is pinned to now. Those are the ones a
   * rollout retires, by launch time ({@code delete_order}); an instance launched from the pinned
   * version is known well enough from the group itself (its spec hash comes with the version, its
   * launch time is when this session first saw it, at most one poll late).
   */
  void load(Collection<AutoScalingGroup> groups) throws ProviderException {
    List<String> ids = new ArrayList<>();
    for (AutoScalingGroup g : groups) {
      Optional<Pinned> pinned = Pinned.of(g);
      for (Instance i : g.instances()) {
        if (pinned.isEmpty() || !launchedFromPinned(i, pinned.get())) ids.add(i.instanceId());
      }
    }
    facts.load(ids);
  }

  private static boolean launchedFromPinned(Instance i, Pinned pinned) {
    var spec = i.launchTemplate();
    return spec != null
        && pinned.number().isPresent()
        && spec.version() != null
        && spec.version().equals(pinned.version())
        && spec.launchTemplateId() != null
        && spec.launchTemplateId().equals(pinned.templateId());
  }

  List<ObservedMachine> of(AutoScalingGroup g) throws ProviderException {
    load(List.of(g));
    return known(g);
  }

  /** The group's machines from what {@link #load} read. */
  List<ObservedMachine> known(AutoScalingGroup g) throws ProviderException {
    List<ObservedMachine> out = new ArrayList<>();
    for (Instance m : g.instances()) {
      Optional<InstanceFacts.Fact> f = facts.get(m.instanceId());
      Instant launched =
          f.map(InstanceFacts.Fact::launched).orElseGet(() -> health.firstSeen(m.instanceId()));
      Optional<String> hash = launchedFrom(m);
      if (hash.isEmpty()) hash = f.flatMap(InstanceFacts.Fact::specHash);
      MachineState state = state(m.lifecycleStateAsString(), m.healthStatus(), null);
      out.add(
          new ObservedMachine(
              m.instanceId(),
              Optional.ofNullable(m.availabilityZone()),
              hash,
              state,
              launched,
              health.healthySince(m.instanceId(), state, launched)));
    }
    return out;
  }

  /** The spec hash of the launch template version the group says launched the instance. */
  private Optional<String> launchedFrom(Instance m) throws ProviderException {
    var spec = m.launchTemplate();
    if (spec == null || spec.version() == null) return Optional.empty();
    Pinned p = new Pinned(spec.launchTemplateId(), spec.launchTemplateName(), spec.version());
    if (p.number().isEmpty()) return Optional.empty();
    return reader
        .version(p)
        .map(LaunchTemplateVersion::launchTemplateData)
        .flatMap(MachineReadBack::specHash);
  }

  /**
   * One machine state from the group's lifecycle and health and, if known, EC2's instance state.
   */
  static MachineState state(String lifecycle, String health, String ec2State) {
    String life = lifecycle == null ? "" : lifecycle;
    String ec2 = ec2State == null ? "" : ec2State.toLowerCase(Locale.ROOT);
    if (life.startsWith("Terminating")
        || life.startsWith("Detach")
        || ec2.equals("shutting-down")
        || ec2.equals("terminated")) {
      return MachineState.TERMINATING;
    }
    if (ec2.equals("stopping") || ec2.equals("stopped")) return MachineState.FAILED;
    if (life.startsWith("Pending") || ec2.equals("pending") || life.startsWith("Warmed")) {
      return MachineState.PENDING;
    }
    if ("Unhealthy".equalsIgnoreCase(health)) return MachineState.UNHEALTHY;
    if (life.equals("InService") && "Healthy".equalsIgnoreCase(health)) return MachineState.HEALTHY;
    return MachineState.RUNNING;
  }
}
