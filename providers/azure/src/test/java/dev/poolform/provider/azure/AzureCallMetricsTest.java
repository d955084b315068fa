package dev.poolform.provider.azure;

import static dev.poolform.provider.azure.AzureTestSupport.machine;
import static dev.poolform.provider.azure.AzureTestSupport.pool;
import static dev.poolform.provider.azure.AzureTestSupport.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.runtime.provider.CapacityRequest;
import dev.poolform.runtime.provider.CloudCalls;
import dev.poolform.runtime.provider.CloudCalls.Outcome;
import dev.poolform.runtime.provider.CloudSession;
import dev.poolform.runtime.provider.CloudTarget;
import dev.poolform.runtime.provider.GroupRef;
import dev.poolform.runtime.provider.ProviderContext;
import dev.poolform.testing.arm.ArmEmulator;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The requests {@code --metrics} counts on Azure are the ones Resource Manager saw (the emulator
 * counts every request it receives): each attempt once, a 429 as a throttle, by operation.
 */
class AzureCallMetricsTest {
  static final String LINEAGE = "lineage-metered";

  ArmEmulator arm;
  final Map<String, AtomicInteger> recorded = new ConcurrentHashMap<>();
  final CloudCalls recorder =
      (cloud, operation, outcome) ->
          recorded
              .computeIfAbsent(cloud + " " + operation + " " + outcome, k -> new AtomicInteger())
              .incrementAndGet();

  @BeforeEach
  void start() throws Exception {
    arm = ArmEmulator.start(AzureTestSupport.TOKEN);
    arm.bootMillis = 30;
  }

  @AfterEach
  void stop() {
    arm.close();
  }

  int count(String suffix) {
    return recorded.entrySet().stream()
        .filter(e -> e.getKey().endsWith(suffix))
        .mapToInt(e -> e.getValue().get())
        .sum();
  }

  @Test
  void everyRequestIsCountedAndA429IsAThrottle() throws Exception {
    try (CloudSession s =
        new AzureProvider()
            .connect(
                new CloudTarget(AzureTestSupport.cloud(arm), LINEAGE),
                new ProviderContext(
                    Path.of("."), AzureTestSupport.env(), Clock.systemUTC(), recorder))) {
      GroupRef ref =
          s.create(
              spec(
                  pool(
                      AzureTestSupport.cloud(arm),
                      "m0",
                      machine("Canonical:ubuntu-24_04-lts:server:1"),
                      1),
                  LINEAGE),
              CapacityRequest.of(0, 3, 1),
              "token-m0");
      arm.resetCounts();
      recorded.clear();
      arm.faults.throttleRate = 1.0;
      arm.faults.retryAfterSeconds = 0;
      arm.faults.budget = 3;
      s.read(List.of(ref));
      s.findOwned(LINEAGE);
      arm.faults.clear();

      assertThat(count(" " + Outcome.THROTTLED)).isEqualTo(3);
      assertThat(count(" " + Outcome.ERROR)).isZero();
      int seen = arm.counts().values().stream().mapToInt(Integer::intValue).sum();
      assertThat(count("")).as("recorded %s, ARM saw %s", recorded, arm.counts()).isEqualTo(seen);
      assertThat(recorded.keySet())
          .allMatch(k -> k.startsWith("azure.az "))
          .anyMatch(k -> k.startsWith("azure.az GET virtualMachineScaleSets/* "));
    }
  }
}
