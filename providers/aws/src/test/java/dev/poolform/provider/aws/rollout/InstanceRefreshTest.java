package dev.poolform.provider.aws.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.ir.IntOrPercent;
import dev.poolform.ir.IrCapacity;
import dev.poolform.ir.IrRollout;
import dev.poolform.provider.aws.harness.AwsPools;
import dev.poolform.provider.aws.harness.Sessions;
import dev.poolform.provider.aws.session.AwsSession;
import dev.poolform.runtime.provider.CapacityRequest;
import dev.poolform.runtime.provider.CloudRolloutStatus;
import dev.poolform.runtime.provider.CloudRollouts;
import dev.poolform.runtime.provider.GroupRef;
import dev.poolform.runtime.provider.GroupSpec;
import dev.poolform.stdlib.value.ListValue;
import dev.poolform.stdlib.value.StringValue;
import dev.poolform.stdlib.value.Value;
import dev.poolform.testing.moto.CallCounter;
import dev.poolform.testing.moto.MotoExtension;
import dev.poolform.testing.moto.MotoServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.autoscaling.model.StartInstanceRefreshRequest;

/**
 * {@code engine = "cloud"} through instance refresh, against moto with the test tree's extension
 * (src/test/python/poolform_moto.py), which implements the three calls as AWS documents them.
 */
@ExtendWith(MotoExtension.class)
class InstanceRefreshTest {
  static IrRollout cloud(
      IntOrPercent surge, IntOrPercent unavailable, Duration minReady, Duration pause) {
    return new IrRollout(
        surge,
        unavailable,
        minReady,
        pause,
        IrRollout.DeleteOrder.OLDEST,
        Duration.ofMinutes(5),
        true,
        IrRollout.Engine.CLOUD);
  }

  /** A pool of {@code n} machines (0..20). */
  static IrCapacity desired(long n) {
    return new IrCapacity(0, 20, OptionalLong.of(n));
  }

  @Test
  void refreshReplacesEveryInstanceNeverBelowTheMinimum(MotoServer moto) throws Exception {
    CallCounter calls = new CallCounter();
    try (AwsSession s = Sessions.open(moto.endpoint(), "l", calls)) {
      GroupRef ref =
          s.create(
              AwsPools.spec(
                  AwsPools.pool("cr", AwsPools.machine(AwsPools.IMAGE_A, "t3.micro"), 4), "l"),
              CapacityRequest.of(0, 8, 4),
              "t");
      s.updateModel(
          ref,
          AwsPools.spec(
              AwsPools.pool("cr", AwsPools.machine(AwsPools.IMAGE_B, "t3.micro"), 4), "l"));
      CloudRollouts r = s.cloudRollouts().orElseThrow();
      IrRollout rollout =
          cloud(IntOrPercent.percentOf(50), IntOrPercent.count(0), Duration.ZERO, Duration.ZERO);
      String id = r.start(ref, rollout, desired(4));
      // Already running: the same refresh, not an error.
      assertThat(r.start(ref, rollout, desired(4))).isEqualTo(id);

      var prefs = calls.requests(StartInstanceRefreshRequest.class).get(0).preferences();
      assertThat(prefs.minHealthyPercentage()).isEqualTo(100);
      assertThat(prefs.maxHealthyPercentage()).isEqualTo(150);
      assertThat(prefs.skipMatching()).isTrue();
      assertThat(prefs.autoRollback()).isTrue();
      assertThat(prefs.instanceWarmup()).isZero();
      var dc = calls.requests(StartInstanceRefreshRequest.class).get(0).desiredConfiguration();
      assertThat(dc.launchTemplate().version()).isEqualTo("2");

      CloudRolloutStatus st;
      int minInService = Integer.MAX_VALUE;
      int polls = 0;
      do {
        st = r.status(ref).orElseThrow();
        var g =
            s.clients()
                .asgRead()
                .describeAutoScalingGroups(b -> b.autoScalingGroupNames("cr"))
                .autoScalingGroups()
                .get(0);
        minInService =
            Math.min(
                minInService,
                (int)
                    g.instances().stream()
                        .filter(i -> "InService".equals(i.lifecycleStateAsString()))
                        .count());
      } while (!st.done() && ++polls < 20);
      assertThat(st.phase()).isEqualTo(CloudRolloutStatus.Phase.SUCCEEDED);
      assertThat(st.id()).isEqualTo(id);
      assertThat(st.percentComplete()).isEqualTo(100);
      assertThat(minInService).isGreaterThanOrEqualTo(4);
      var images =
          s.clients().ec2Read().describeInstances().reservations().stream()
              .flatMap(x -> x.instances().stream())
              .filter(i -> i.state().nameAsString().equals("running"))
              .map(i -> i.imageId())
              .toList();
      assertThat(images).hasSize(4).containsOnly(AwsPools.IMAGE_B);
      assertThat(pinned(s, "cr"))
          .as("AWS sets the desired configuration once the refresh succeeds")
          .isEqualTo("2");
    }
  }

  /**
   * An image whose instances fail their EC2 status checks: the tests that use it tell moto so
   * ({@code impaired_images}, poolform_moto.py item 12), as a broken kernel would on AWS.
   */
  static final String FAILING = "ami-0ddddddddddddddd1";

  static GroupSpec spec(String name, String image, IrRollout rollout) {
    return AwsPools.spec(
        AwsPools.pool(
            name,
            AwsPools.machine(image, "t3.micro"),
            0,
            4,
            OptionalLong.of(2),
            Map.of(),
            rollout,
            null),
        "l");
  }

  static String pinned(AwsSession s, String group) {
    return s.clients()
        .asgRead()
        .describeAutoScalingGroups(b -> b.autoScalingGroupNames(group))
        .autoScalingGroups()
        .get(0)
        .launchTemplate()
        .version();
  }

  static List<String> runningImages(AwsSession s) {
    return s.clients().ec2Read().describeInstances().reservations().stream()
        .flatMap(x -> x.instances().stream())
        .filter(i -> i.state().nameAsString().equals("running"))
        .map(i -> i.imageId())
        .toList();
  }

  static CloudRolloutStatus awaitDone(CloudRollouts r, GroupRef ref) throws Exception {
    CloudRolloutStatus st;
    int polls = 0;
    do {
      st = r.status(ref).orElseThrow();
    } while (!st.done() && ++polls < 20);
    return st;
  }

  @Test
  void aFailedRefreshWithAutoRollbackLeavesTheGroupOnItsPreviousVersion(MotoServer moto)
      throws Exception {
    IrRollout rollout =
        cloud(IntOrPercent.count(1), IntOrPercent.count(0), Duration.ZERO, Duration.ZERO);
    moto.settings(Map.of("impaired_images", List.of(FAILING)));
    try (AwsSession s = Sessions.open(moto.endpoint(), "l", null)) {
      GroupSpec good = spec("rb", AwsPools.IMAGE_A, rollout);
      GroupRef ref = s.create(good, CapacityRequest.of(0, 4, 2), "t");
      s.updateModel(ref, spec("rb", FAILING, rollout));
      assertThat(pinned(s, "rb"))
          .as("until the refresh succeeds, launches stay on the version the group has")
          .isEqualTo("1");
      CloudRollouts r = s.cloudRollouts().orElseThrow();
      r.start(ref, rollout, desired(2));
      CloudRolloutStatus st = awaitDone(r, ref);
      assertThat(st.phase()).isEqualTo(CloudRolloutStatus.Phase.ROLLED_BACK);
      assertThat(st.message()).contains("failed their health checks");
      assertThat(pinned(s, "rb")).isEqualTo("1");
      assertThat(runningImages(s)).hasSize(2).containsOnly(AwsPools.IMAGE_A);
      assertThat(s.read(List.of(ref)).get(ref.address()).specHash()).contains(good.specHash());
    }
  }

  @Test
  void aFailedRefreshWithoutRollbackKeepsWhatItReplaced(MotoServer moto) throws Exception {
    IrRollout rollout =
        new IrRollout(
            IntOrPercent.count(1),
            IntOrPercent.count(0),
            Duration.ZERO,
            Duration.ZERO,
            IrRollout.DeleteOrder.OLDEST,
            Duration.ofMinutes(5),
            false,
            IrRollout.Engine.CLOUD);
    moto.settings(Map.of("impaired_images", List.of(FAILING)));
    try (AwsSession s = Sessions.open(moto.endpoint(), "l", null)) {
      GroupRef ref =
          s.create(spec("nb", AwsPools.IMAGE_A, rollout), CapacityRequest.of(0, 4, 2), "t");
      s.updateModel(ref, spec("nb", FAILING, rollout));
      CloudRollouts r = s.cloudRollouts().orElseThrow();
      r.start(ref, rollout, desired(2));
      assertThat(awaitDone(r, ref).phase()).isEqualTo(CloudRolloutStatus.Phase.FAILED);
      assertThat(pinned(s, "nb"))
          .as("the desired configuration is set only on success")
          .isEqualTo("1");
      assertThat(runningImages(s)).contains(FAILING);
    }
  }

  /**
   * A rollout watching the alarm {@code api-errors}, with a warm-up long enough to be caught
   * mid-way.
   */
  static IrRollout watching(boolean autoRollback) {
    return new IrRollout(
        IntOrPercent.count(1),
        IntOrPercent.count(0),
        Duration.ofMinutes(10),
        Duration.ZERO,
        IrRollout.DeleteOrder.OLDEST,
        Duration.ofMinutes(30),
        autoRollback,
        IrRollout.Engine.CLOUD,
        List.of("api-errors"));
  }

  @Test
  void anAlarmGoingOffRollsTheRefreshBack(MotoServer moto) throws Exception {
    moto.alarm(AwsPools.REGION, "api-errors", "OK");
    IrRollout rollout = watching(true);
    CallCounter calls = new CallCounter();
    try (AwsSession s = Sessions.open(moto.endpoint(), "l", calls)) {
      GroupRef ref =
          s.create(spec("al", AwsPools.IMAGE_A, rollout), CapacityRequest.of(0, 4, 2), "t");
      s.updateModel(ref, spec("al", AwsPools.IMAGE_B, rollout));
      CloudRollouts r = s.cloudRollouts().orElseThrow();
      r.start(ref, rollout, desired(2));
      var prefs = calls.requests(StartInstanceRefreshRequest.class).get(0).preferences();
      assertThat(prefs.alarmSpecification().alarms()).containsExactly("api-errors");
      assertThat(r.status(ref).orElseThrow().phase())
          .as("the first batch is replaced, then the warm-up holds the refresh")
          .isEqualTo(CloudRolloutStatus.Phase.IN_PROGRESS);
      assertThat(runningImages(s)).contains(AwsPools.IMAGE_B);

      moto.alarm(AwsPools.REGION, "api-errors", "ALARM");
      CloudRolloutStatus st = awaitDone(r, ref);
      assertThat(st.phase()).isEqualTo(CloudRolloutStatus.Phase.ROLLED_BACK);
      assertThat(st.message()).contains("api-errors");
      assertThat(pinned(s, "al")).isEqualTo("1");
      assertThat(runningImages(s)).hasSize(2).containsOnly(AwsPools.IMAGE_A);
    }
  }

  @Test
  void anAlarmGoingOffWithoutRollbackStopsTheRefresh(MotoServer moto) throws Exception {
    moto.alarm(AwsPools.REGION, "api-errors", "OK");
    IrRollout rollout = watching(false);
    try (AwsSession s = Sessions.open(moto.endpoint(), "l", null)) {
      GroupRef ref =
          s.create(spec("an", AwsPools.IMAGE_A, rollout), CapacityRequest.of(0, 4, 2), "t");
      s.updateModel(ref, spec("an", AwsPools.IMAGE_B, rollout));
      CloudRollouts r = s.cloudRollouts().orElseThrow();
      r.start(ref, rollout, desired(2));
      assertThat(r.status(ref).orElseThrow().phase())
          .isEqualTo(CloudRolloutStatus.Phase.IN_PROGRESS);
      moto.alarm(AwsPools.REGION, "api-errors", "ALARM");
      CloudRolloutStatus st = awaitDone(r, ref);
      assertThat(st.phase()).isEqualTo(CloudRolloutStatus.Phase.FAILED);
      assertThat(st.message()).contains("api-errors");
      assertThat(pinned(s, "an")).as("the group keeps its version").isEqualTo("1");
      assertThat(runningImages(s))
          .as("what the refresh replaced before the alarm stays")
          .contains(AwsPools.IMAGE_A, AwsPools.IMAGE_B);
    }
  }

  /**
   * A second change while a refresh runs (an apply interrupted mid-refresh, then the spec changed
   * again): AWS refuses a second StartInstanceRefresh with InstanceRefreshInProgress. Waiting on
   * the running refresh would end on the spec before last and record the last one; the running
   * refresh is cancelled instead, and a new one rolls every instance not on the newest version.
   */
  @Test
  void aSecondChangeWhileARefreshRunsReplacesThatRefresh(MotoServer moto) throws Exception {
    IrRollout rollout =
        cloud(IntOrPercent.count(1), IntOrPercent.count(0), Duration.ZERO, Duration.ZERO);
    CallCounter calls = new CallCounter();
    try (AwsSession s = Sessions.open(moto.endpoint(), "l", calls)) {
      GroupRef ref =
          s.create(spec("sc", AwsPools.IMAGE_A, rollout), CapacityRequest.of(0, 8, 4), "t");
      s.updateModel(ref, spec("sc", AwsPools.IMAGE_B, rollout));
      CloudRollouts r = s.cloudRollouts().orElseThrow();
      String first = startHeld(r, ref);

      s.updateModel(ref, spec("sc", IMAGE_C, rollout));
      String second = r.start(ref, rollout, desired(4));
      assertThat(second).isNotEqualTo(first);
      var refreshes =
          s.clients()
              .asgRead()
              .describeInstanceRefreshes(b -> b.autoScalingGroupName("sc"))
              .instanceRefreshes();
      assertThat(refreshes.stream().filter(x -> x.instanceRefreshId().equals(first)))
          .singleElement()
          .satisfies(x -> assertThat(x.statusAsString()).isEqualTo("Cancelled"));
      assertThat(calls.requests(StartInstanceRefreshRequest.class).get(1).desiredConfiguration())
          .satisfies(dc -> assertThat(dc.launchTemplate().version()).isEqualTo("3"));

      CloudRolloutStatus st = awaitDone(r, ref);
      assertThat(st.phase()).isEqualTo(CloudRolloutStatus.Phase.SUCCEEDED);
      assertThat(st.id()).isEqualTo(second);
      assertThat(runningImages(s)).hasSize(4).containsOnly(IMAGE_C);
      assertThat(pinned(s, "sc")).isEqualTo("3");
    }
  }

  /**
   * Starts a refresh of four machines that a long warm-up holds after its first batch: still
   * running when the spec changes again.
   */
  static String startHeld(CloudRollouts r, GroupRef ref) throws Exception {
    String id =
        r.start(
            ref,
            cloud(
                IntOrPercent.count(1),
                IntOrPercent.count(0),
                Duration.ofMinutes(10),
                Duration.ZERO),
            desired(4));
    assertThat(r.status(ref).orElseThrow().phase())
        .as("one batch of four replaced")
        .isEqualTo(CloudRolloutStatus.Phase.IN_PROGRESS);
    return id;
  }

  /** A third image, for a spec changed twice. */
  static final String IMAGE_C = "ami-0cccccccccccccccc";

  /** A pool of four on {@code image} whose machines may be any of {@code types}. */
  static GroupSpec typed(String name, String image, IrRollout rollout, String... types) {
    var machine =
        AwsPools.with(
            AwsPools.machine(image, types[0]),
            "instance_types",
            new ListValue(
                java.util.Arrays.stream(types).map(t -> (Value) new StringValue(t)).toList()));
    return AwsPools.spec(
        AwsPools.pool(name, machine, 0, 8, OptionalLong.of(4), Map.of(), rollout, null), "l");
  }

  /**
   * A second change that also changes {@code instance_types}: the group's mixed instances policy
   * must be updated, which AWS refuses while a refresh with a desired configuration runs
   * (poolform_moto.py item 10). The running refresh is cancelled and waited out first; the group
   * then takes the new policy, and the next refresh rolls every machine onto the newest spec.
   */
  @Test
  void aSecondChangeOfInstanceTypesWhileARefreshRunsCancelsItFirst(MotoServer moto)
      throws Exception {
    IrRollout rollout =
        cloud(IntOrPercent.count(1), IntOrPercent.count(0), Duration.ZERO, Duration.ZERO);
    try (AwsSession s = Sessions.open(moto.endpoint(), "l", null)) {
      GroupRef ref =
          s.create(
              typed("ty", AwsPools.IMAGE_A, rollout, "t3.micro", "t3.small"),
              CapacityRequest.of(0, 8, 4),
              "t");
      s.updateModel(ref, typed("ty", AwsPools.IMAGE_B, rollout, "t3.micro", "t3.small"));
      CloudRollouts r = s.cloudRollouts().orElseThrow();
      String first = startHeld(r, ref);

      s.updateModel(ref, typed("ty", IMAGE_C, rollout, "t3.small", "t3.medium"));
      assertThat(
              s
                  .clients()
                  .asgRead()
                  .describeInstanceRefreshes(b -> b.autoScalingGroupName("ty"))
                  .instanceRefreshes()
                  .stream()
                  .filter(x -> x.instanceRefreshId().equals(first)))
          .singleElement()
          .satisfies(x -> assertThat(x.statusAsString()).isEqualTo("Cancelled"));
      assertThat(overrides(s, "ty")).containsExactly("t3.small", "t3.medium");
      // The engine sets the capacity before it starts a refresh; the failed update left the
      // session not knowing the group, so this write is sent, and must keep the mixed policy.
      s.setCapacity(ref, CapacityRequest.of(0, 8, 4));
      assertThat(overrides(s, "ty")).containsExactly("t3.small", "t3.medium");

      String second = r.start(ref, rollout, desired(4));
      assertThat(second).isNotEqualTo(first);
      CloudRolloutStatus st = awaitDone(r, ref);
      assertThat(st.phase()).isEqualTo(CloudRolloutStatus.Phase.SUCCEEDED);
      assertThat(runningImages(s)).hasSize(4).containsOnly(IMAGE_C);
      var mixed = group(s, "ty").mixedInstancesPolicy();
      assertThat(mixed.launchTemplate().launchTemplateSpecification().version()).isEqualTo("3");
      assertThat(overrides(s, "ty")).containsExactly("t3.small", "t3.medium");
    }
  }

  static software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup group(
      AwsSession s, String name) {
    return s.clients()
        .asgRead()
        .describeAutoScalingGroups(b -> b.autoScalingGroupNames(name))
        .autoScalingGroups()
        .get(0);
  }

  static List<String> overrides(AwsSession s, String name) {
    return group(s, name).mixedInstancesPolicy().launchTemplate().overrides().stream()
        .map(o -> o.instanceType())
        .toList();
  }

  /**
   * Skip matching compares the launch template version and the instance type, as AWS documents it
   * (poolform_moto.py item 1); a group of several types launches the first (item 19). A refresh to
   * the same version whose types still include the machines' type replaces nothing; one whose types
   * do not replaces every machine, with the first of its types.
   */
  @Test
  void skipMatchingComparesTheVersionAndTheInstanceType(MotoServer moto) throws Exception {
    IrRollout rollout =
        cloud(IntOrPercent.count(1), IntOrPercent.count(0), Duration.ZERO, Duration.ZERO);
    try (AwsSession s = Sessions.open(moto.endpoint(), "l", null)) {
      s.create(
          typed("sk", AwsPools.IMAGE_A, rollout, "t3.small", "t3.medium"),
          CapacityRequest.of(0, 8, 4),
          "t");
      List<String> before = instanceIds(s, "sk");
      assertThat(instanceTypes(s, "sk")).hasSize(4).containsOnly("t3.small");

      assertThat(refreshTo(s, "sk", "t3.medium", "t3.small")).isEqualTo("Successful");
      assertThat(instanceIds(s, "sk")).isEqualTo(before);

      assertThat(refreshTo(s, "sk", "t3.large", "t3.small")).isEqualTo("Successful");
      assertThat(instanceIds(s, "sk")).isEqualTo(before);

      assertThat(refreshTo(s, "sk", "t3.large")).isEqualTo("Successful");
      assertThat(instanceIds(s, "sk")).hasSize(4).doesNotContainAnyElementsOf(before);
      assertThat(instanceTypes(s, "sk")).containsOnly("t3.large");
    }
  }

  /** An instance refresh with skip matching to the group's version and {@code types}; its end. */
  static String refreshTo(AwsSession s, String name, String... types) {
    var mixed = group(s, name).mixedInstancesPolicy();
    var spec = mixed.launchTemplate().launchTemplateSpecification();
    var lt =
        mixed.launchTemplate().toBuilder()
            // The template by id alone: AWS takes an id or a name, not both.
            .launchTemplateSpecification(
                b -> b.launchTemplateId(spec.launchTemplateId()).version(spec.version()))
            .overrides(
                java.util.Arrays.stream(types)
                    .map(
                        t ->
                            software.amazon.awssdk.services.autoscaling.model
                                .LaunchTemplateOverrides.builder()
                                .instanceType(t)
                                .build())
                    .toList())
            .build();
    var asg = s.clients().asgWrite();
    asg.startInstanceRefresh(
        b ->
            b.autoScalingGroupName(name)
                .preferences(p -> p.skipMatching(true).minHealthyPercentage(0).instanceWarmup(0))
                .desiredConfiguration(
                    d -> d.mixedInstancesPolicy(mixed.toBuilder().launchTemplate(lt).build())));
    String status = "Pending";
    for (int i = 0; i < 20 && (status.equals("Pending") || status.equals("InProgress")); i++) {
      status =
          asg.describeInstanceRefreshes(b -> b.autoScalingGroupName(name))
              .instanceRefreshes()
              .get(0)
              .statusAsString();
    }
    return status;
  }

  static List<String> instanceIds(AwsSession s, String name) {
    return group(s, name).instances().stream().map(i -> i.instanceId()).sorted().toList();
  }

  static List<String> instanceTypes(AwsSession s, String name) {
    return group(s, name).instances().stream().map(i -> i.instanceType()).toList();
  }

  @Test
  void cancelStopsARunningRefresh(MotoServer moto) throws Exception {
    try (AwsSession s = Sessions.open(moto.endpoint(), "l", null)) {
      GroupRef ref =
          s.create(
              AwsPools.spec(
                  AwsPools.pool("cc", AwsPools.machine(AwsPools.IMAGE_A, "t3.micro"), 4), "l"),
              CapacityRequest.of(0, 8, 4),
              "t");
      s.updateModel(
          ref,
          AwsPools.spec(
              AwsPools.pool("cc", AwsPools.machine(AwsPools.IMAGE_B, "t3.micro"), 4), "l"));
      CloudRollouts r = s.cloudRollouts().orElseThrow();
      // A long warm-up: after the first batch the refresh waits.
      r.start(
          ref,
          cloud(
              IntOrPercent.count(1), IntOrPercent.count(0), Duration.ofMinutes(10), Duration.ZERO),
          desired(4));
      assertThat(r.status(ref).orElseThrow().phase())
          .isEqualTo(CloudRolloutStatus.Phase.IN_PROGRESS);
      r.cancel(ref);
      assertThat(r.status(ref).orElseThrow().phase()).isEqualTo(CloudRolloutStatus.Phase.CANCELLED);
      r.cancel(ref); // nothing running any more: fine
    }
  }

  @Test
  void noRefreshYetIsEmpty(MotoServer moto) throws Exception {
    try (AwsSession s = Sessions.open(moto.endpoint(), "l", null)) {
      GroupRef ref =
          s.create(
              AwsPools.spec(
                  AwsPools.pool("nr", AwsPools.machine(AwsPools.IMAGE_A, "t3.micro"), 1), "l"),
              CapacityRequest.of(0, 2, 1),
              "t");
      assertThat(s.cloudRollouts().orElseThrow().status(ref)).isEmpty();
    }
  }

  @Test
  void preferencesMapThePortableRollout() {
    var p =
        RefreshPreferencesMapping.of(
            cloud(
                IntOrPercent.percentOf(25),
                IntOrPercent.percentOf(10),
                Duration.ofSeconds(90),
                Duration.ofMinutes(2)),
            desired(10));
    assertThat(p.minHealthyPercentage()).isEqualTo(90);
    assertThat(p.maxHealthyPercentage()).isEqualTo(125);
    assertThat(p.instanceWarmup()).isEqualTo(90);
    assertThat(p.checkpointDelay()).isEqualTo(120);
    assertThat(p.checkpointPercentages()).containsExactly(25, 50, 75, 100);
    assertThat(RefreshPreferencesMapping.checkpoints(40)).isEqualTo(List.of(40, 80, 100));
    var counts =
        RefreshPreferencesMapping.of(
            cloud(IntOrPercent.count(1), IntOrPercent.count(0), Duration.ZERO, Duration.ZERO),
            desired(4));
    assertThat(counts.minHealthyPercentage()).isEqualTo(100);
    assertThat(counts.maxHealthyPercentage()).isEqualTo(125);
    assertThat(counts.hasCheckpointPercentages()).isFalse();
  }
}
