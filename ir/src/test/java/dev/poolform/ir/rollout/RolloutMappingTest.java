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
}
