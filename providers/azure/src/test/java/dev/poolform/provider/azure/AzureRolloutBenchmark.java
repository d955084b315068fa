package dev.poolform.provider.azure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.compiler.Compiler;
import dev.poolform.ir.IrConfig;
import dev.poolform.runtime.ApplyResult;
import dev.poolform.runtime.Workspace;
import dev.poolform.runtime.engine.ApplyOptions;
import dev.poolform.runtime.engine.Interruption;
import dev.poolform.runtime.event.ApplyListener;
import dev.poolform.testing.arm.ArmEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The call budget of a rollout on Azure: 100 pools of 2 machines each get a new image, rolled out
 * by Poolform's engine (surge 1) through the runtime facade against the ARM emulator with its
 * throttling on (Compute's and ARM's token buckets, real time). Counts every ARM call, the calls
 * per replaced machine, the 429s (none may happen) and the lowest share of every bucket. Not a unit
 * test: run with {@code bench/azure-rollout.sh}; the results go to docs/BENCHMARKS.md.
 */
@EnabledIfSystemProperty(named = "poolform.bench", matches = "true")
class AzureRolloutBenchmark {
  static final int POOLS = Integer.getInteger("bench.pools", 100);

  static String config(int pools, String image, String orchestration) {
    return AzureBenchmark.config(
        pools,
        "min = 0  max = 4  desired = 2",
        image,
        orchestration,
        "rollout  { max_surge = 1  max_unavailable = 0 }");
  }

  String run(String orchestration) throws Exception {
    try (ArmEmulator arm = ArmEmulator.start(AzureTestSupport.TOKEN)) {
      arm.bootMillis = 500;
      arm.throttling.enabled = true;
      Path dir = Files.createTempDirectory("azure-rollout-bench");
      // Long-running operations are polled once a second unless ARM says otherwise; the engine
      // polls machines every 2 s (its default for real clouds).
      Workspace ws = AzureBenchmark.workspace(arm, dir, "1000");
      ApplyOptions options =
          new ApplyOptions(10, Duration.ofSeconds(2), true, 0, new Interruption());
      IrConfig v1 =
          Compiler.compileSource(
                  "bench.pool",
                  config(POOLS, "Canonical:ubuntu-24_04-lts:server:24.04.1", orchestration))
              .ir()
              .orElseThrow();
      ApplyResult created = ws.apply(v1, options, ApplyListener.NONE);
      assertThat(created.ok()).as("%s", created.problems()).isTrue();
      IrConfig v2 =
          Compiler.compileSource(
                  "bench.pool",
                  config(POOLS, "Canonical:ubuntu-24_04-lts:server:24.04.2", orchestration))
              .ir()
              .orElseThrow();
      arm.resetCounts();
      int throttledBefore = arm.throttling.throttledCount();
      long t0 = System.nanoTime();
      ApplyResult rolled = ws.apply(v2, options, ApplyListener.NONE);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertThat(rolled.ok()).as("%s", rolled.problems()).isTrue();
      Map<String, Integer> counts = arm.counts();
      int calls = counts.values().stream().mapToInt(Integer::intValue).sum();
      int replaced = POOLS * 2;
      int throttled = arm.throttling.throttledCount() - throttledBefore;
      Map<String, Double> lowest = new TreeMap<>();
      arm.throttling
          .lowestShares()
          .forEach(
              (bucket, share) -> {
                String policy = bucket.substring(0, bucket.indexOf('|'));
                lowest.merge(policy, share, Math::min);
              });
      assertThat(throttled).as("429s during the rollout").isZero();
      return String.format(
          "%s, %d pools x 2 machines: rollout %d ms, %d calls (%.2f per replaced machine), 429s %d%n"
              + "  calls by operation: %s%n  lowest share left per policy: %s%n",
          orchestration, POOLS, ms, calls, calls / (double) replaced, throttled, counts, lowest);
    }
  }

  @Test
  void rolloutCallBudget() throws Exception {
    StringBuilder report = new StringBuilder();
    // bench.only: one orchestration mode (flexible or uniform); empty: both.
    String only =
        Boolean.getBoolean("bench.flexibleOnly")
            ? "flexible"
            : System.getProperty("bench.only", "");
    if (!only.equals("uniform")) report.append(run("flexible"));
    if (!only.equals("flexible")) report.append(run("uniform"));
    System.out.println(report);
    Files.writeString(
        Path.of(System.getProperty("java.io.tmpdir"), "azure-rollout-bench.txt"), report);
  }
}
