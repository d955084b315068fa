package dev.poolform.provider.azure.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pace of reads: never below half of a bucket; the wait after a 429 without Retry-After. */
class RateBudgetTest {
  static final String SET =
      "/subscriptions/s/resourceGroups/RG/providers/Microsoft.Compute/virtualMachineScaleSets/Web";

  private static HttpHeaders headers(String resource, int reads) {
    HttpHeaders h = new HttpHeaders();
    if (resource != null) h.set(RateBudget.REMAINING_RESOURCE, resource);
    h.set(
        HttpHeaderName.fromString("x-ms-ratelimit-remaining-subscription-reads"),
        Integer.toString(reads));
    return h;
  }

  @Test
  void scopesFollowTheResourceAddressed() {
    assertThat(RateBudget.scope(SET)).isEqualTo("vmss:rg/web");
    assertThat(RateBudget.scope(SET + "/virtualMachines")).isEqualTo("vmss:rg/web");
    assertThat(RateBudget.scope(SET.replace("/Web", ""))).isEqualTo("subscription");
    assertThat(
            RateBudget.scope(
                "/subscriptions/s/providers/Microsoft.Compute/locations/westeurope/operations/1"))
        .isEqualTo("operations");
  }

  @Test
  void readsWaitWhileABucketHoldsHalfOrLess() throws Exception {
    List<Long> sleeps = new ArrayList<>();
    RateBudget b = new RateBudget(sleeps::add);
    String scope = RateBudget.scope(SET);
    // First seen at 35 of 36: more than half, so no wait.
    b.record(
        scope,
        headers("Microsoft.Compute/LowCostGet;35,Microsoft.Compute/LowCostGetSub;2399", 249));
    b.beforeRead(scope);
    assertThat(sleeps).isEmpty();
    // At 18 of 36 the next read waits until a token is back: a third of 36 a minute is one per
    // 5 s. (This pause records the wait and stops the read there.)
    List<Long> waits = new ArrayList<>();
    RateBudget paced =
        new RateBudget(
            ms -> {
              waits.add(ms);
              throw new InterruptedException("stop");
            });
    paced.record(scope, headers("Microsoft.Compute/LowCostGet;35", 249));
    paced.record(scope, headers("Microsoft.Compute/LowCostGet;18", 249));
    assertThatThrownBy(() -> paced.beforeRead(scope)).isInstanceOf(InterruptedException.class);
    assertThat(waits).hasSize(1);
    assertThat(waits.get(0)).isBetween(4000L, 5100L);
    // Other scale sets are not held back by this one's bucket.
    paced.beforeRead(RateBudget.scope(SET.replace("/Web", "/Api")));
  }

  @Test
  void readsTakeTheirTokenBeforeTheAnswerSaysSo() throws Exception {
    List<Long> waits = new ArrayList<>();
    RateBudget b =
        new RateBudget(
            ms -> {
              waits.add(ms);
              throw new InterruptedException("stop");
            });
    String scope = RateBudget.scope(SET);
    b.record(scope, headers("Microsoft.Compute/LowCostGet;35", 249));
    b.record(scope, headers("Microsoft.Compute/LowCostGet;20", 249));
    // 20 of 36: two reads leave 18, half; a third read (started before any answer) must wait.
    b.beforeRead(scope);
    b.beforeRead(scope);
    assertThat(waits).isEmpty();
    assertThatThrownBy(() -> b.beforeRead(scope)).isInstanceOf(InterruptedException.class);
    assertThat(waits).hasSize(1);
  }

  @Test
  void a429WithoutRetryAfterWaitsForTheBucketNotAFractionOfASecond() {
    RateBudget b = new RateBudget(ms -> {});
    String scope = RateBudget.scope(SET);
    b.record(scope, headers("Microsoft.Compute/UpdateVMScaleSet;11", 249));
    b.record(scope, headers("Microsoft.Compute/UpdateVMScaleSet;0", 249));
    // A third of 12 a minute: a token every 15 s.
    assertThat(b.throttledDelay(scope).toMillis()).isBetween(14_000L, 15_100L);
    assertThat(b.throttledDelay("subscription").toMillis()).isEqualTo(1000);
  }
}
