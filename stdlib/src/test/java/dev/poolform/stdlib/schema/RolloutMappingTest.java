package dev.poolform.stdlib.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.stdlib.schema.RolloutMapping.Amount;
import dev.poolform.stdlib.schema.RolloutMapping.Request;
import dev.poolform.stdlib.schema.RolloutMapping.Result;
import org.junit.jupiter.api.Test;

class RolloutMappingTest {
  static Request req(Amount surge, Amount unavail, long base) {
    return new Request(surge, unavail, 0, 0, "oldest", false, base, false);
  }

  @Test
  void awsExactPercentages() {
    Result r = RolloutMapping.map("aws", req(Amount.percentOf(25), Amount.percentOf(10), 10));
    assertThat(r.findings()).isEmpty();
    assertThat(r.aws().minHealthyPercentage()).isEqualTo(90);
    assertThat(r.aws().maxHealthyPercentage()).isEqualTo(125);
  }

  @Test
  void awsCountsConvertExactlyOrWarn() {
    assertThat(RolloutMapping.map("aws", req(Amount.count(1), Amount.count(0), 4)).findings())
        .isEmpty();
    Result r = RolloutMapping.map("aws", req(Amount.count(1), Amount.count(0), 3));
    assertThat(r.findings()).hasSize(1);
    assertThat(r.findings().get(0).error()).isFalse();
    assertThat(r.aws().maxHealthyPercentage()).isEqualTo(134);
  }

  @Test
  void awsDifferenceOver100IsAnError() {
    Result r = RolloutMapping.map("aws", req(Amount.percentOf(60), Amount.percentOf(50), 10));
    assertThat(r.hasErrors()).isTrue();
  }

  @Test
  void azureSurgeIsBoolean() {
    Result r = RolloutMapping.map("azure", req(Amount.percentOf(20), Amount.percentOf(0), 10));
    assertThat(r.findings()).isEmpty();
    assertThat(r.azure().maxSurge()).isTrue();
    assertThat(r.azure().maxBatchInstancePercent()).isEqualTo(20);
    Result both = RolloutMapping.map("azure", req(Amount.percentOf(20), Amount.percentOf(10), 10));
    assertThat(both.findings())
        .extracting(RolloutMapping.Finding::attribute)
        .containsExactly("max_unavailable");
    assertThat(both.hasErrors()).isFalse();
  }

  @Test
  void azureBatchBelowFivePercentCannotHonourUnavailable() {
    Result r = RolloutMapping.map("azure", req(Amount.count(0), Amount.count(1), 100));
    assertThat(r.hasErrors()).isTrue();
  }

  @Test
  void localIsExact() {
    assertThat(RolloutMapping.map("local", req(Amount.count(3), Amount.count(1), 3)).findings())
        .isEmpty();
  }

  @Test
  void externalDesiredWarnsAboutCountsButNotAboutZero() {
    Result r =
        RolloutMapping.map(
            "aws", new Request(Amount.count(1), Amount.count(0), 0, 0, "oldest", false, 2, true));
    assertThat(r.findings())
        .extracting(RolloutMapping.Finding::attribute)
        .containsExactly("max_surge");
    assertThat(r.findings().get(0).message()).contains("`min` (2)");
    assertThat(r.aws().maxHealthyPercentage()).isEqualTo(150);
  }
}
