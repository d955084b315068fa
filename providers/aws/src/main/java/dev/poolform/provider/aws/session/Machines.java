package dev.poolform.provider.aws.session;

import dev.poolform.provider.aws.connect.AwsClients;
import dev.poolform.provider.aws.mapping.Tags;
import dev.poolform.runtime.provider.ObservedMachine;
import dev.poolform.runtime.provider.ObservedMachine.MachineState;
import dev.poolform.runtime.provider.ProviderException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.Instance;

/**
 * The machines of a group: membership, lifecycle and health from the group, launch time, state and
 * the {@code poolform:spec-hash} tag from EC2 (the tag, not the group's per-instance template
 * version: the tag is written by the very version that launched the instance, and moto reports that
 * version wrongly).
 *
 * <p>{@code healthySince}: AWS publishes no "became healthy" time; {@link HealthWatch} gives the
 * first look of this session that found the instance InService and Healthy, or its launch time when
 * it was healthy already at the session's first look. The engine adds {@code min_ready}.
 */
final class Machines {
  /** DescribeInstances takes at most 1000 instance ids per call. */
  static final int ID_BATCH = 1000;

  private final AwsClients aws;
  private final HealthWatch health;

  Machines(AwsClients aws, HealthWatch health) {
    this.aws = aws;
    this.health = health;
  }

  List<ObservedMachine> of(AutoScalingGroup g, String address) throws ProviderException {
    var members = g.instances();
    if (members.isEmpty()) return List.of();
    List<String> ids = members.stream().map(i -> i.instanceId()).toList();
    Map<String, Instance> details = new HashMap<>();
    for (int i = 0; i < ids.size(); i += ID_BATCH) {
      List<String> batch = ids.subList(i, Math.min(ids.size(), i + ID_BATCH));
      String token = null;
      do {
        String t = token;
        var r =
            Calls.read(
                "reading the instances of " + address,
                () ->
                    aws.ec2Read()
                        .describeInstances(
                            DescribeInstancesRequest.builder()
                                .instanceIds(batch)
                                .nextToken(t)
                                .build()));
        r.reservations()
            .forEach(res -> res.instances().forEach(x -> details.put(x.instanceId(), x)));
        token = r.nextToken();
      } while (token != null && !token.isEmpty());
    }
    List<ObservedMachine> out = new ArrayList<>();
    for (var m : members) {
      Instance ec2 = details.get(m.instanceId());
      Instant launched = ec2 != null && ec2.launchTime() != null ? ec2.launchTime() : Instant.EPOCH;
      Optional<String> hash =
          ec2 == null
              ? Optional.empty()
              : ec2.tags().stream()
                  .filter(t -> Tags.SPEC_HASH.equals(t.key()))
                  .map(t -> t.value())
                  .findFirst();
      MachineState state =
          state(
              m.lifecycleStateAsString(),
              m.healthStatus(),
              ec2 == null || ec2.state() == null ? null : ec2.state().nameAsString());
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

  /** One machine state from the group's lifecycle and health and EC2's instance state. */
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
