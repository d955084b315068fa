package dev.poolform.ir.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.ir.IntOrPercent;
import dev.poolform.ir.IrCapacity;
import dev.poolform.ir.IrRollout;
import dev.poolform.ir.rollout.RolloutMapping.Result;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RolloutMappingTest {
  static IrRollout rollout(IntOrPercent surge, IntOrPercent unavailable) {
    IrRollout d = IrRollout.DEFAULT;
    return new IrRollout(
        surge,
        unavailable,
        d.minReady(),
        d.pause(),
        d.deleteOrder(),
        d.timeout(),
        d.autoRollback(),
        IrRollout.Engine.CLOUD);
  }

  static IrCapacity desired(long n) {
    return new IrCapacity(0, Math.max(1, n), OptionalLong.of(n));
  }

  static Result map(String kind, IntOrPercent surge, IntOrPercent unavailable, long desired) {
    return RolloutMapping.map(kind, rollout(surge, unavailable), desired(desired));
  }

  @Test
  void awsExactPercentages() {
    Result r = map("aws", IntOrPercent.percentOf(25), IntOrPercent.percentOf(10), 10);
    assertThat(r.findings()).isEmpty();
    assertThat(r.aws().minHealthyPercentage()).isEqualTo(90);
    assertThat(r.aws().maxHealthyPercentage()).isEqualTo(125);
  }

  @Test
  void awsCountsConvertExactlyOrWarn() {
    assertThat(map("aws", IntOrPercent.count(1), IntOrPercent.count(0), 4).findings()).isEmpty();
    Result r = map("aws", IntOrPercent.count(1), IntOrPercent.count(0), 3);
    assertThat(r.findings()).hasSize(1);
    assertThat(r.findings().get(0).error()).isFalse();
    assertThat(r.aws().maxHealthyPercentage()).as("surge rounds up").isEqualTo(134);
    Result down = map("aws", IntOrPercent.count(0), IntOrPercent.count(1), 3);
    assertThat(down.aws().minHealthyPercentage()).as("unavailability rounds down").isEqualTo(67);
  }

  @Test
  void awsDifferenceOver100IsAnErrorWhoseFallbackLowersTheSurge() {
    Result r = map("aws", IntOrPercent.percentOf(60), IntOrPercent.percentOf(50), 10);
    assertThat(r.hasErrors()).isTrue();
    assertThat(r.findings().get(0).fallback())
        .isEqualTo("`max_surge` is lowered to 50% (MaxHealthyPercentage 150).");
    assertThat(r.aws().minHealthyPercentage()).isEqualTo(50);
    assertThat(r.aws().maxHealthyPercentage()).isEqualTo(150);
  }

  @Test
  void azureSurgeIsBoolean() {
    Result r = map("azure", IntOrPercent.percentOf(20), IntOrPercent.percentOf(0), 10);
    assertThat(r.findings()).isEmpty();
    assertThat(r.azure().maxSurge()).isTrue();
    assertThat(r.azure().maxBatchInstancePercent()).isEqualTo(20);
    Result both = map("azure", IntOrPercent.percentOf(20), IntOrPercent.percentOf(10), 10);
    assertThat(both.findings())
        .extracting(RolloutMapping.Finding::attribute)
        .containsExactly("max_unavailable");
    assertThat(both.hasErrors()).isFalse();
  }

  @Test
  void azureBatchBelowFivePercentCannotHonourUnavailable() {
    Result r = map("azure", IntOrPercent.count(0), IntOrPercent.count(1), 100);
    assertThat(r.hasErrors()).isTrue();
    assertThat(r.azure().maxBatchInstancePercent()).isEqualTo(5);
  }

  @Test
  void localIsExact() {
    assertThat(map("local", IntOrPercent.count(3), IntOrPercent.count(1), 3).findings()).isEmpty();
  }

  @Test
  void externalDesiredConvertsCountsAgainstMinAndWarnsButNotAboutZero() {
    Result r =
        RolloutMapping.map(
            "aws",
            rollout(IntOrPercent.count(1), IntOrPercent.count(0)),
            new IrCapacity(2, 10, OptionalLong.empty()));
    assertThat(r.findings())
        .extracting(RolloutMapping.Finding::attribute)
        .containsExactly("max_surge");
    assertThat(r.findings().get(0).message()).contains("`min` (2)");
    assertThat(r.aws().maxHealthyPercentage()).isEqualTo(150);
  }

  static IrRollout alarmed(IrRollout.Engine engine, java.util.List<String> alarms) {
    IrRollout d = IrRollout.DEFAULT;
    return new IrRollout(
        d.maxSurge(),
        d.maxUnavailable(),
        d.minReady(),
        d.pause(),
        d.deleteOrder(),
        d.timeout(),
        true,
        engine,
        alarms);
  }

  @Test
  void alarmsGoToAnAwsInstanceRefreshOnly() {
    IrRollout cloud = alarmed(IrRollout.Engine.CLOUD, java.util.List.of("api-5xx", "latency"));
    assertThat(RolloutMapping.alarms("aws", cloud)).isEmpty();
    assertThat(RolloutMapping.map("aws", cloud, desired(4)).aws().alarms())
        .containsExactly("api-5xx", "latency");
    assertThat(
            RolloutMapping.map(
                    "aws", rollout(IntOrPercent.count(1), IntOrPercent.count(0)), desired(4))
                .aws()
                .alarms())
        .isEmpty();
    for (String kind : java.util.List.of("azure", "local")) {
      var f = RolloutMapping.alarms(kind, cloud);
      assertThat(f).singleElement().satisfies(x -> assertThat(x.error()).isTrue());
      assertThat(f.get(0).attribute()).isEqualTo("alarms");
    }
    assertThat(RolloutMapping.alarms("aws", alarmed(IrRollout.Engine.POOLFORM, cloud.alarms())))
        .singleElement()
        .satisfies(x -> assertThat(x.message()).contains("Poolform's own engine"));
    assertThat(
            RolloutMapping.alarms("aws", alarmed(IrRollout.Engine.POOLFORM, java.util.List.of())))
        .isEmpty();
  }

  @Test
  void awsWatchesAtMostTenAlarmsOfNamesUpTo255Characters() {
    var eleven = java.util.stream.IntStream.range(0, 11).mapToObj(i -> "a" + i).toList();
    assertThat(RolloutMapping.alarms("aws", alarmed(IrRollout.Engine.CLOUD, eleven)))
        .singleElement()
        .satisfies(x -> assertThat(x.message()).contains("at most 10"));
    assertThat(RolloutMapping.alarms("aws", alarmed(IrRollout.Engine.CLOUD, eleven.subList(0, 10))))
        .isEmpty();
    assertThat(
            RolloutMapping.alarms(
                "aws", alarmed(IrRollout.Engine.CLOUD, java.util.List.of("x".repeat(256)))))
        .singleElement()
        .satisfies(x -> assertThat(x.message()).contains("1 to 255"));
    assertThat(
            RolloutMapping.alarms(
                "aws", alarmed(IrRollout.Engine.CLOUD, java.util.List.of("x".repeat(255)))))
        .isEmpty();
  }
}
