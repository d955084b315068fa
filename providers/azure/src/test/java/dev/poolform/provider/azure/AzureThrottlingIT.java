package dev.poolform.provider.azure;

import static dev.poolform.provider.azure.AzureTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.ir.IrPool;
import dev.poolform.runtime.provider.CapacityRequest;
import dev.poolform.runtime.provider.GroupRef;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Against the emulator's throttling (Compute's token buckets): reads keep to at most half of a
 * bucket, and a 429 without Retry-After waits for the bucket to refill instead of retrying at once.
 * Slow on purpose: Compute refills buckets per minute (about 25 s here).
 */
class AzureThrottlingIT extends EmulatorTest {
  @Override
  String lineage() {
    return "lineage-throttling";
  }

  @Override
  long bootMillis() {
    return 20;
  }

  private GroupRef create(String name) throws Exception {
    IrPool pool = pool(cloud, name, machine("Canonical:ubuntu-24_04-lts:server:latest"), 1);
    return session.create(spec(pool, lineage()), CapacityRequest.of(0, 10, 1), "t");
  }

  private double lowest(String policy, String name) {
    return arm.throttling
        .lowestShares()
        .get(
            policy
                + "|/subscriptions/"
                + SUB
                + "/resourcegroups/"
                + RG
                + "/providers/microsoft.compute/virtualmachinescalesets/"
                + name.toLowerCase(Locale.ROOT));
  }

  @Test
  void pollingOneScaleSetNeverUsesMoreThanHalfOfItsBucket() throws Exception {
    GroupRef ref = create("web");
    arm.throttling.enabled = true;
    // 19 reads of one scale set: the bucket of 36 Gets would allow them all at once; paced, the
    // 19th waits for a token so that more than half stays.
    long t0 = System.nanoTime();
    for (int i = 0; i < 19; i++) assertThat(session.read(List.of(ref))).containsKey(ref.address());
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertThat(arm.throttling.throttledCount()).isZero();
    assertThat(lowest("LowCostGetVMScaleSet", "web")).isGreaterThanOrEqualTo(0.5);
    assertThat(ms).as("the last read waited for the bucket").isGreaterThan(3000);
  }

  @Test
  void aThrottledWriteWithoutRetryAfterWaitsForTheBucketInsteadOfHammering() throws Exception {
    GroupRef ref = create("web");
    arm.throttling.enabled = true;
    arm.throttling.omitRetryAfterEvery = 1; // no 429 says how long to wait
    session.setCapacity(ref, CapacityRequest.of(0, 20, 2)); // the session learns the bucket's size
    // Then the scale set's update bucket is empty, as after a burst of updates: the resize is
    // throttled, and its retry waits until the bucket refills a token (15 s at 4 a minute)
    // instead of retrying within the second, which would only be throttled again.
    arm.throttling.empty("UpdateVMScaleSet", ref.cloudId());
    long t0 = System.nanoTime();
    session.setCapacity(ref, CapacityRequest.of(0, 20, 3));
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertThat(arm.throttling.throttledCount()).as("429s answered").isEqualTo(1);
    assertThat(arm.count("update")).isEqualTo(3);
    assertThat(ms).as("the retry waited for the bucket").isGreaterThan(10_000);
    assertThat(arm.scaleSet(RG, "web").orElseThrow().path("sku").path("capacity").asLong())
        .isEqualTo(3);
  }
}
