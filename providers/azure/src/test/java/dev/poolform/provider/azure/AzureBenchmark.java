package dev.poolform.provider.azure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.compiler.Compiler;
import dev.poolform.ir.IrConfig;
import dev.poolform.provider.azure.connect.AzureConnection;
import dev.poolform.runtime.ApplyResult;
import dev.poolform.runtime.PlanResult;
import dev.poolform.runtime.Workspace;
import dev.poolform.runtime.WorkspaceOptions;
import dev.poolform.runtime.engine.ApplyOptions;
import dev.poolform.runtime.engine.ProviderRegistry;
import dev.poolform.runtime.engine.Sleeper;
import dev.poolform.runtime.event.ApplyListener;
import dev.poolform.testing.arm.ArmEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Plan and apply of many pools against the ARM emulator through the runtime facade (what the CLI
 * calls). Not a unit test: run with {@code -Dpoolform.bench=true -Dtest=AzureBenchmark}; results go
 * to docs/BENCHMARKS.md.
 */
@EnabledIfSystemProperty(named = "poolform.bench", matches = "true")
class AzureBenchmark {
  static final String SUBNET =
      "/subscriptions/00000000-0000-0000-0000-0000000000be/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/v/subnets/pools";

  static String config(int pools) {
    return config(
        pools,
        "min = 0  max = 3  desired = 1",
        "Canonical:ubuntu-24_04-lts:server:latest",
        "flexible",
        "");
  }

  /** {@code pools} pools p0000.. on one cloud block, each with these settings. */
  static String config(
      int pools, String capacity, String image, String orchestration, String rollout) {
    StringBuilder b =
        new StringBuilder(
            """
        cloud azure bench {
          subscription   = "00000000-0000-0000-0000-0000000000be"
          resource_group = "rg-bench"
          location       = "westeurope"
        }
        """);
    for (int i = 0; i < pools; i++) {
      b.append(
          String.format(
              """
          pool "p%04d" on bench {
            capacity { %s }
            machine  { size = "Standard_B1s"  image = "%s"  orchestration = "%s"  subnet = "%s" }
            %s
          }
          """,
              i, capacity, image, orchestration, SUBNET, rollout));
    }
    return b.toString();
  }

  record Run(long millis, Map<String, Integer> counts) {}

  Run apply(ArmEmulator arm, Workspace ws, IrConfig ir, int parallelism) throws Exception {
    arm.resetCounts();
    long t0 = System.nanoTime();
    ApplyResult r =
        ws.apply(
            ir,
            ApplyOptions.defaults()
                .withParallelism(parallelism)
                .withPollInterval(Duration.ofMillis(50)),
            ApplyListener.NONE);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertThat(r.ok()).as("%s", r.problems()).isTrue();
    return new Run(ms, arm.counts());
  }

  Run plan(ArmEmulator arm, Workspace ws, IrConfig ir) throws Exception {
    arm.resetCounts();
    long t0 = System.nanoTime();
    PlanResult r = ws.plan(ir);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertThat(r.ok()).as("%s", r.problems()).isTrue();
    return new Run(ms, arm.counts());
  }

  static Workspace workspace(ArmEmulator arm, Path dir) {
    return workspace(arm, dir, "20");
  }

  /** The runtime facade on the emulator, polling long-running operations every {@code pollMs}. */
  static Workspace workspace(ArmEmulator arm, Path dir, String pollMs) {
    Map<String, String> env =
        Map.of(
            "POOLFORM_AZURE_ENDPOINT",
            arm.endpoint(),
            AzureConnection.TEST_TOKEN_ENV,
            AzureTestSupport.TOKEN,
            AzureConnection.POLL_ENV,
            pollMs);
    return Workspace.open(
        new WorkspaceOptions(
            dir, Optional.empty(), env, Clock.systemUTC(), Sleeper.REAL, ProviderRegistry.load()));
  }

  @Test
  void thousandPools() throws Exception {
    StringBuilder report = new StringBuilder();
    try (ArmEmulator arm = ArmEmulator.start(AzureTestSupport.TOKEN)) {
      arm.bootMillis = 20;
      Path dir = Files.createTempDirectory("azure-bench");
      IrConfig ir = Compiler.compileSource("bench.pool", config(1000)).ir().orElseThrow();
      Workspace ws = workspace(arm, dir);
      Run empty = plan(arm, ws, ir);
      Run apply = apply(arm, ws, ir, 10);
      Run plan = plan(arm, ws, ir);
      assertThat(arm.scaleSetCount()).isEqualTo(1000);
      report.append("1000 pools: plan (nothing exists) ").append(empty).append('\n');
      report.append("1000 pools: apply --parallelism 10 ").append(apply).append('\n');
      report.append("1000 pools: plan after apply ").append(plan).append('\n');
    }
    for (int p : new int[] {1, 10}) {
      try (ArmEmulator arm = ArmEmulator.start(AzureTestSupport.TOKEN)) {
        arm.bootMillis = 20;
        Path dir = Files.createTempDirectory("azure-bench");
        IrConfig ir = Compiler.compileSource("bench.pool", config(100)).ir().orElseThrow();
        Run apply = apply(arm, workspace(arm, dir), ir, p);
        report
            .append("100 pools: apply --parallelism ")
            .append(p)
            .append(' ')
            .append(apply.millis())
            .append(" ms\n");
      }
    }
    System.out.println(report);
    Files.writeString(Path.of(System.getProperty("java.io.tmpdir"), "azure-bench.txt"), report);
  }
}
