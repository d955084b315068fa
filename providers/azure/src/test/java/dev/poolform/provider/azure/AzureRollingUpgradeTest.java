package dev.poolform.provider.azure;

import static dev.poolform.provider.azure.AzureTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.json.JsonProviders;
import com.azure.resourcemanager.compute.fluent.models.RollingUpgradeStatusInfoInner;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolform.ir.IntOrPercent;
import dev.poolform.ir.IrCapacity;
import dev.poolform.ir.IrPool;
import dev.poolform.ir.IrRollout;
import dev.poolform.provider.azure.rollout.RollingPolicy;
import dev.poolform.provider.azure.rollout.RollingUpgradeEvents;
import dev.poolform.runtime.provider.CapacityRequest;
import dev.poolform.runtime.provider.CloudEvent;
import dev.poolform.runtime.provider.CloudRolloutStatus;
import dev.poolform.runtime.provider.CloudRollouts;
import dev.poolform.runtime.provider.GroupRef;
import dev.poolform.runtime.provider.ProviderException;
import dev.poolform.stdlib.value.IntValue;
import dev.poolform.stdlib.value.MapValue;
import dev.poolform.stdlib.value.StringValue;
import dev.poolform.stdlib.value.Value;
import dev.poolform.testing.arm.Application;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@code engine = "cloud"}: Azure rolling upgrades mapped from the portable rollout. */
class AzureRollingUpgradeTest extends EmulatorTest {
  static final String LINEAGE = "lineage-rolling";

  @Override
  String lineage() {
    return LINEAGE;
  }

  @Override
  long bootMillis() {
    return 60;
  }

  static IrRollout rollout(IntOrPercent surge, IntOrPercent unavailable, Duration pause) {
    return new IrRollout(
        surge,
        unavailable,
        Duration.ZERO,
        pause,
        IrRollout.DeleteOrder.OLDEST,
        Duration.ofMinutes(5),
        false,
        IrRollout.Engine.CLOUD);
  }

  /** The capacity of the test pools: 0..10, {@code n} desired. */
  static IrCapacity desired(long n) {
    return new IrCapacity(0, 10, OptionalLong.of(n));
  }

  static MapValue healthProbe() {
    return MapValue.of(
        Map.of(
            "protocol",
            new StringValue("http"),
            "port",
            new IntValue(8080),
            "path",
            new StringValue("/healthz")));
  }

  @Test
  void rollingNeedsAHealthProbeAndTheProbeBecomesTheApplicationHealthExtension() throws Exception {
    IrRollout r = rollout(IntOrPercent.count(1), IntOrPercent.count(0), Duration.ZERO);
    for (String mode : List.of("flexible", "uniform")) {
      Map<String, Value> m = machine("Canonical:ubuntu-24_04-lts:server:24.04.1");
      m.put("orchestration", new StringValue(mode));
      String name = "bare-" + mode;
      GroupRef bare =
          session.create(
              spec(pool(cloud, name, m, 0, 10, OptionalLong.of(1), r, Map.of()), LINEAGE),
              CapacityRequest.of(0, 10, 1),
              "t");
      // ARM refuses Rolling without a health signal; the error points at the engine and says what
      // to add.
      assertThatThrownBy(() -> session.cloudRollouts().orElseThrow().start(bare, r, desired(1)))
          .isInstanceOfSatisfying(
              ProviderException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(ProviderException.Kind.INVALID_VALUE);
                assertThat(e.attribute()).contains("rollout.engine");
                assertThat(e.getMessage())
                    .contains("health probe or health extension")
                    .contains("machine.health_probe");
              });
      assertThat(
              arm.scaleSet(RG, name)
                  .orElseThrow()
                  .path("properties")
                  .path("upgradePolicy")
                  .path("mode")
                  .asText())
          .isEqualTo("Manual");

      m.put("health_probe", healthProbe());
      String probed = "probed-" + mode;
      GroupRef ref =
          session.create(
              spec(pool(cloud, probed, m, 0, 10, OptionalLong.of(1), r, Map.of()), LINEAGE),
              CapacityRequest.of(0, 10, 1),
              "t");
      JsonNode ext =
          arm.scaleSet(RG, probed)
              .orElseThrow()
              .path("properties")
              .path("virtualMachineProfile")
              .path("extensionProfile")
              .path("extensions")
              .get(0);
      assertThat(ext.path("properties").path("publisher").asText())
          .isEqualTo("Microsoft.ManagedServices");
      assertThat(ext.path("properties").path("type").asText()).isEqualTo("ApplicationHealthLinux");
      // Binary health states: the plain 200 of a health endpoint is healthy.
      assertThat(ext.path("properties").path("typeHandlerVersion").asText()).isEqualTo("1.0");
      assertThat(ext.path("properties").path("settings").path("port").asInt()).isEqualTo(8080);
      assertThat(ext.path("properties").path("settings").path("requestPath").asText())
          .isEqualTo("/healthz");
      session.cloudRollouts().orElseThrow().start(ref, r, desired(1));
      assertThat(
              arm.scaleSet(RG, probed)
                  .orElseThrow()
                  .path("properties")
                  .path("upgradePolicy")
                  .path("mode")
                  .asText())
          .isEqualTo("Rolling");
    }
  }

  private GroupRef rolledOut(IrRollout rollout, int desired) throws Exception {
    Map<String, Value> m = machine("Canonical:ubuntu-24_04-lts:server:24.04.1");
    m.put("orchestration", new StringValue("uniform"));
    m.put("health_probe", healthProbe());
    IrPool v1 = pool(cloud, "web", m, 0, 10, OptionalLong.of(desired), rollout, Map.of());
    GroupRef ref = session.create(spec(v1, LINEAGE), CapacityRequest.of(0, 10, desired), "t");
    await(
        "boot",
        5000,
        () ->
            arm.instances(RG, "web").stream()
                    .filter(
                        vm ->
                            vm.path("properties")
                                .path("provisioningState")
                                .asText()
                                .equals("Succeeded"))
                    .count()
                == desired);
    m.put("image", new StringValue("Canonical:ubuntu-24_04-lts:server:24.04.2"));
    session.updateModel(
        ref,
        spec(pool(cloud, "web", m, 0, 10, OptionalLong.of(desired), rollout, Map.of()), LINEAGE));
    return ref;
  }

  /** Runs the rollout to its end, sampling how many machines were up the whole time. */
  private int runToEnd(GroupRef ref, IrRollout rollout, int desired) throws Exception {
    CloudRollouts rollouts = session.cloudRollouts().orElseThrow();
    AtomicInteger lowest = new AtomicInteger(Integer.MAX_VALUE);
    AtomicBoolean sampling = new AtomicBoolean(true);
    Thread sampler =
        new Thread(
            () -> {
              while (sampling.get()) {
                long up =
                    arm.instances(RG, "web").stream()
                        .filter(
                            vm ->
                                vm.path("properties")
                                    .path("provisioningState")
                                    .asText()
                                    .equals("Succeeded"))
                        .count();
                lowest.accumulateAndGet((int) up, Math::min);
                try {
                  Thread.sleep(5);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    sampler.start();
    String id = rollouts.start(ref, rollout, desired(desired));
    assertThat(id).isNotEmpty();
    await(
        "rolling upgrade",
        20_000,
        () -> {
          try {
            return rollouts.status(ref).map(CloudRolloutStatus::done).orElse(false);
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        });
    sampling.set(false);
    sampler.join();
    CloudRolloutStatus done = rollouts.status(ref).orElseThrow();
    assertThat(done.phase()).isEqualTo(CloudRolloutStatus.Phase.SUCCEEDED);
    assertThat(done.percentComplete()).isEqualTo(100);
    await("old machines gone", 5000, () -> arm.instances(RG, "web").size() == desired);
    assertThat(arm.instances(RG, "web"))
        .allSatisfy(
            vm -> {
              assertThat(vm.path("properties").path("latestModelApplied").asBoolean()).isTrue();
              assertThat(
                      vm.path("properties")
                          .path("storageProfile")
                          .path("imageReference")
                          .path("version")
                          .asText())
                  .isEqualTo("24.04.2");
            });
    return lowest.get();
  }

  @Test
  void surgeRolloutReplacesEveryMachineNeverBelowDesired() throws Exception {
    IrRollout rollout = rollout(IntOrPercent.count(1), IntOrPercent.count(0), Duration.ZERO);
    GroupRef ref = rolledOut(rollout, 4);
    int lowest = runToEnd(ref, rollout, 4);
    assertThat(lowest).isGreaterThanOrEqualTo(4);
    // pool status: the finished upgrade is the scale set's recent event, dated by its start.
    List<CloudEvent> events = session.recentEvents(List.of(ref), Instant.now().minusSeconds(3600));
    assertThat(events).hasSize(1);
    assertThat(events.get(0).cloudId()).isEqualTo(ref.cloudId());
    assertThat(events.get(0).status()).isEqualTo("Completed");
    assertThat(events.get(0).description())
        .startsWith("rolling upgrade completed (")
        .contains("0 failed")
        .contains("0 pending");
    assertThat(session.recentEvents(List.of(ref), events.get(0).time().plusMillis(1))).isEmpty();
    JsonNode policy =
        arm.scaleSet(RG, "web").orElseThrow().path("properties").path("upgradePolicy");
    assertThat(policy.path("mode").asText()).isEqualTo("Rolling");
    JsonNode p = policy.path("rollingUpgradePolicy");
    assertThat(p.path("maxBatchInstancePercent").asInt()).isEqualTo(25);
    assertThat(p.path("maxSurge").asBoolean()).isTrue();
    assertThat(p.path("pauseTimeBetweenBatches").asText()).isEqualTo("PT0S");
    assertThat(p.path("prioritizeUnhealthyInstances").asBoolean()).isTrue();
    assertThat(p.path("maxUnhealthyInstancePercent").asInt()).isEqualTo(25);
    assertThat(p.path("maxUnhealthyUpgradedInstancePercent").asInt()).isEqualTo(25);
  }

  @Test
  void unavailabilityRolloutStaysWithinMaxUnavailable() throws Exception {
    IrRollout rollout = rollout(IntOrPercent.count(0), IntOrPercent.percentOf(50), Duration.ZERO);
    GroupRef ref = rolledOut(rollout, 4);
    int lowest = runToEnd(ref, rollout, 4);
    assertThat(lowest).isGreaterThanOrEqualTo(2);
    JsonNode p =
        arm.scaleSet(RG, "web")
            .orElseThrow()
            .path("properties")
            .path("upgradePolicy")
            .path("rollingUpgradePolicy");
    assertThat(p.path("maxBatchInstancePercent").asInt()).isEqualTo(50);
    assertThat(p.path("maxSurge").asBoolean()).isFalse();
  }

  /**
   * Under {@code desired = external} a count converts against {@code min}, as W0502 tells the user:
   * the policy does not follow the size an autoscaler happened to set.
   */
  @Test
  void externalDesiredBatchesConvertCountsAgainstMin() {
    IrRollout rollout = rollout(IntOrPercent.count(1), IntOrPercent.count(0), Duration.ZERO);
    var policy = RollingPolicy.from(rollout, new IrCapacity(4, 20, OptionalLong.empty()), false);
    assertThat(policy.maxBatchInstancePercent()).isEqualTo(25);
    assertThat(policy.maxSurge()).isTrue();
  }

  @Test
  void cancelStopsARollingUpgrade() throws Exception {
    IrRollout rollout =
        rollout(IntOrPercent.count(1), IntOrPercent.count(0), Duration.ofSeconds(30));
    GroupRef ref = rolledOut(rollout, 2);
    CloudRollouts rollouts = session.cloudRollouts().orElseThrow();
    rollouts.start(ref, rollout, desired(2));
    assertThat(
            ((ObjectNode)
                    arm.scaleSet(RG, "web")
                        .orElseThrow()
                        .path("properties")
                        .path("upgradePolicy")
                        .path("rollingUpgradePolicy"))
                .path("pauseTimeBetweenBatches")
                .asText())
        .isEqualTo("PT30S");
    assertThat(rollouts.status(ref).orElseThrow().phase())
        .isEqualTo(CloudRolloutStatus.Phase.IN_PROGRESS);
    Instant since = Instant.now().minusSeconds(3600);
    CloudEvent started = session.recentEvents(List.of(ref), since).get(0);
    assertThat(started.status()).isEqualTo("RollingForward");
    assertThat(started.description()).startsWith("rolling upgrade started (");
    Thread.sleep(20);
    rollouts.cancel(ref);
    assertThat(rollouts.status(ref).orElseThrow().phase())
        .isEqualTo(CloudRolloutStatus.Phase.CANCELLED);
    // ARM records the cancel as the upgrade's last action: the event is dated by it.
    CloudEvent cancelled = session.recentEvents(List.of(ref), since).get(0);
    assertThat(cancelled.status()).isEqualTo("Cancelled");
    assertThat(cancelled.description()).startsWith("rolling upgrade cancelled (");
    assertThat(cancelled.time()).isAfter(started.time());
    rollouts.cancel(ref); // nothing running any more: no error
  }

  /**
   * A size change on a gallery image: ARM rolls it when the upgrade policy turns Rolling, while
   * {@code osRollingUpgrade} would be refused (no platform image) and would not roll a size anyway.
   */
  @Test
  void anyModelChangeRollsEvenOnACustomImage() throws Exception {
    IrRollout rollout = rollout(IntOrPercent.count(1), IntOrPercent.count(0), Duration.ZERO);
    Map<String, Value> m =
        machine(
            "/subscriptions/"
                + SUB
                + "/resourceGroups/img/providers/Microsoft.Compute/galleries/g/images/web/versions/1.0.0");
    m.put("orchestration", new StringValue("uniform"));
    m.put("health_probe", healthProbe());
    GroupRef ref =
        session.create(
            spec(pool(cloud, "web", m, 0, 10, OptionalLong.of(2), rollout, Map.of()), LINEAGE),
            CapacityRequest.of(0, 10, 2),
            "t");
    await(
        "boot",
        5000,
        () ->
            arm.instances(RG, "web").stream()
                .allMatch(
                    vm ->
                        vm.path("properties")
                            .path("provisioningState")
                            .asText()
                            .equals("Succeeded")));
    m.put("size", new StringValue("Standard_D4s_v5"));
    session.updateModel(
        ref, spec(pool(cloud, "web", m, 0, 10, OptionalLong.of(2), rollout, Map.of()), LINEAGE));
    assertThat(arm.instances(RG, "web"))
        .noneMatch(vm -> vm.path("properties").path("latestModelApplied").asBoolean());
    CloudRollouts rollouts = session.cloudRollouts().orElseThrow();
    rollouts.start(ref, rollout, desired(2));
    await(
        "rolling upgrade",
        20_000,
        () -> {
          try {
            return rollouts.status(ref).map(CloudRolloutStatus::done).orElse(false);
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        });
    assertThat(rollouts.status(ref).orElseThrow().phase())
        .isEqualTo(CloudRolloutStatus.Phase.SUCCEEDED);
    await("old machines gone", 5000, () -> arm.instances(RG, "web").size() == 2);
    assertThat(arm.instances(RG, "web"))
        .allSatisfy(
            vm -> {
              assertThat(vm.path("properties").path("latestModelApplied").asBoolean()).isTrue();
              assertThat(vm.path("sku").path("name").asText()).isEqualTo("Standard_D4s_v5");
            });
    assertThat(arm.count("osRollingUpgrade")).isZero();
  }

  @Test
  void nothingBehindTheModelIsARolloutDoneAtOnce() throws Exception {
    IrRollout rollout = rollout(IntOrPercent.count(1), IntOrPercent.count(0), Duration.ZERO);
    Map<String, Value> m = machine("Canonical:ubuntu-24_04-lts:server:24.04.1");
    m.put("health_probe", healthProbe());
    GroupRef ref =
        session.create(
            spec(pool(cloud, "idle", m, 0, 10, OptionalLong.of(0), rollout, Map.of()), LINEAGE),
            CapacityRequest.of(0, 10, 0),
            "t");
    CloudRollouts rollouts = session.cloudRollouts().orElseThrow();
    String id = rollouts.start(ref, rollout, desired(0));
    CloudRolloutStatus s = rollouts.status(ref).orElseThrow();
    assertThat(s.id()).isEqualTo(id);
    assertThat(s.phase()).isEqualTo(CloudRolloutStatus.Phase.SUCCEEDED);
  }

  /** {@code rollbackFailedInstancesOnPolicyBreach} is documented for Uniform scale sets only. */
  @Test
  void rollbackOnPolicyBreachIsSentForUniformOnly() {
    IrRollout rollout =
        new IrRollout(
            IntOrPercent.count(1),
            IntOrPercent.count(0),
            Duration.ZERO,
            Duration.ZERO,
            IrRollout.DeleteOrder.OLDEST,
            Duration.ofMinutes(5),
            true,
            IrRollout.Engine.CLOUD);
    assertThat(
            RollingPolicy.from(rollout, desired(4), false).rollbackFailedInstancesOnPolicyBreach())
        .isTrue();
    assertThat(
            RollingPolicy.from(rollout, desired(4), true).rollbackFailedInstancesOnPolicyBreach())
        .isFalse();
  }

  @Test
  void noRollingUpgradeYetIsEmpty() throws Exception {
    GroupRef ref =
        session.create(
            spec(pool(cloud, "api", machine("a:b:c:d"), 1), LINEAGE),
            CapacityRequest.of(0, 2, 1),
            "t");
    assertThat(session.cloudRollouts().orElseThrow().status(ref)).isEmpty();
    assertThat(session.recentEvents(List.of(ref), Instant.EPOCH)).isEmpty();
  }

  /**
   * New machines that never turn healthy fault the upgrade (25% of 2 is a batch of one, half the
   * scale set, above the 25% of upgraded machines allowed to be unhealthy): status says why, in
   * ARM's words.
   */
  @Test
  void anUpgradeOfUnhealthyMachinesFaultsAndItsEventSaysWhy() throws Exception {
    IrRollout rollout = rollout(IntOrPercent.count(0), IntOrPercent.percentOf(25), Duration.ZERO);
    GroupRef ref = rolledOut(rollout, 2);
    arm.application = Application.DOWN;
    CloudRollouts rollouts = session.cloudRollouts().orElseThrow();
    rollouts.start(ref, rollout, desired(2));
    await(
        "faulted",
        10_000,
        () -> {
          try {
            return rollouts.status(ref).orElseThrow().phase() == CloudRolloutStatus.Phase.FAILED;
          } catch (ProviderException e) {
            throw new IllegalStateException(e);
          }
        });
    CloudEvent e = session.recentEvents(List.of(ref), Instant.now().minusSeconds(3600)).get(0);
    assertThat(e.status()).isEqualTo("Faulted");
    assertThat(e.description()).startsWith("rolling upgrade failed (");
    assertThat(e.cause()).contains("MaxUnhealthyUpgradedInstancePercent");
  }

  /** A faulted upgrade reads as failed, with ARM's error as its cause. */
  @Test
  void aFaultedUpgradeIsAFailedEventWithArmsError() throws Exception {
    String json =
        "{\"location\":\"westeurope\",\"properties\":{\"runningStatus\":{\"code\":\"Faulted\","
            + "\"startTime\":\"2026-01-01T10:00:00Z\",\"lastAction\":\"Start\","
            + "\"lastActionTime\":\"2026-01-01T10:00:00Z\"},\"progress\":{\"successfulInstanceCount\":1,"
            + "\"failedInstanceCount\":2,\"inProgressInstanceCount\":0,\"pendingInstanceCount\":3},"
            + "\"error\":{\"code\":\"MaxUnhealthyUpgradedInstancePercentExceededInRollingUpgrade\","
            + "\"message\":\"too many unhealthy\"}}}";
    RollingUpgradeStatusInfoInner info;
    try (var reader = JsonProviders.createReader(json)) {
      info = RollingUpgradeStatusInfoInner.fromJson(reader);
    }
    CloudEvent e =
        RollingUpgradeEvents.of("ss", info, Instant.parse("2026-01-01T09:30:00Z")).orElseThrow();
    assertThat(e.time()).isEqualTo(Instant.parse("2026-01-01T10:00:00Z"));
    assertThat(e.status()).isEqualTo("Faulted");
    assertThat(e.description())
        .isEqualTo("rolling upgrade failed (1 upgraded, 2 failed, 0 in progress, 3 pending)");
    assertThat(e.cause()).isEqualTo("too many unhealthy");
    // Older than the window: not shown.
    assertThat(RollingUpgradeEvents.of("ss", info, Instant.parse("2026-01-01T10:00:01Z")))
        .isEmpty();
  }
}
