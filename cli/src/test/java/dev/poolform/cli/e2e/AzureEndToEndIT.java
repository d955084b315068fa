package dev.poolform.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolform.cli.CliRun;
import dev.poolform.testing.arm.ArmEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Azure examples through the CLI, against the ARM emulator (providers/azure's test tree),
 * reached through the provider's explicit emulator mode (see {@link AzureEmulated}). Owned by the
 * azure engineer.
 *
 * <p>Each test takes well under a minute; the timeout turns a wait that never ends (a capacity wait
 * runs up to {@code rollout.timeout}, 30 minutes) into a failure that says so.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AzureEndToEndIT {
  static final String TOKEN = "e2e-token";
  static final String SUB = "00000000-0000-0000-0000-000000000000";
  @TempDir Path dir;
  Workspace ws;
  ArmEmulator arm;

  @BeforeEach
  void setUp() throws Exception {
    arm = AzureEmulated.start(TOKEN, 100);
    ws = new Workspace(dir);
    AzureEmulated.use(ws, arm, TOKEN);
    ws.env.put("AZURE_SUBSCRIPTION_ID", SUB);
  }

  @AfterEach
  void tearDown() {
    arm.close();
  }

  static Path repo() {
    String root = System.getProperty("poolform.repo.root");
    return root != null ? Path.of(root) : Path.of("..").toAbsolutePath().normalize();
  }

  /** The example, with its warm-up and pause shortened so the test runs in seconds. */
  String example(String name) throws Exception {
    return Files.readString(repo().resolve("examples/azure/" + name))
        .replace("min_ready = 90s", "min_ready = 0s")
        .replace("pause = 30s", "pause = 0s");
  }

  long up(String rg, String name) {
    return AzureEmulated.up(arm, rg, name);
  }

  /** Runs {@code pool apply} and returns the fewest booted instances seen while it ran. */
  int lowestUpDuringApply(String rg, String name) throws InterruptedException {
    AtomicInteger lowest = new AtomicInteger(Integer.MAX_VALUE);
    AtomicBoolean sampling = new AtomicBoolean(true);
    Thread sampler =
        new Thread(
            () -> {
              while (sampling.get()) {
                lowest.accumulateAndGet((int) up(rg, name), Math::min);
                try {
                  Thread.sleep(5);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    sampler.start();
    lastApply = ws.expect(0, "apply", "--auto-approve");
    sampling.set(false);
    sampler.join();
    return lowest.get();
  }

  CliRun lastApply;

  @Test
  void flexibleExampleLivesAndDiesThroughTheCli() throws Exception {
    String config = example("flexible.pool");
    ws.write("main.pool", config);

    CliRun plan = ws.expect(2, "plan", "--detailed-exitcode");
    assertThat(plan.out()).contains("pool.api");
    ws.expect(0, "apply", "--auto-approve");
    assertThat(arm.scaleSetNames()).containsExactly("api");
    ObjectNode s = arm.scaleSet("rg-pools", "api").orElseThrow();
    assertThat(s.path("properties").path("orchestrationMode").asText()).isEqualTo("Flexible");
    assertThat(s.path("sku").path("capacity").asInt()).isEqualTo(3);
    assertThat(up("rg-pools", "api")).isEqualTo(3);
    assertThat(ws.expect(0, "plan", "--detailed-exitcode").out()).contains("No changes.");

    // A new image rolls out: every machine replaced, never fewer than desired - max_unavailable (3
    // - 0).
    ws.write("main.pool", config.replace("server:latest", "server:24.04.202611010"));
    assertThat(lowestUpDuringApply("rg-pools", "api")).isGreaterThanOrEqualTo(3);
    assertThat(arm.instances("rg-pools", "api"))
        .hasSize(3)
        .allSatisfy(
            vm ->
                assertThat(vm.path("properties").path("latestModelApplied").asBoolean()).isTrue());
    assertThat(ws.expect(0, "plan", "--detailed-exitcode").out()).contains("No changes.");

    // Scale.
    ws.write(
        "main.pool",
        config
            .replace("server:latest", "server:24.04.202611010")
            .replace("desired = 3", "desired = 5"));
    ws.expect(0, "apply", "--auto-approve");
    assertThat(arm.scaleSet("rg-pools", "api").orElseThrow().path("sku").path("capacity").asInt())
        .isEqualTo(5);
    assertThat(up("rg-pools", "api")).isEqualTo(5);

    // Drift: someone scales it in the portal.
    arm.outsideChange("rg-pools", "api", b -> ((ObjectNode) b.path("sku")).put("capacity", 7));
    CliRun drift = ws.expect(2, "plan", "--detailed-exitcode");
    assertThat(drift.out())
        .contains("pool.api was changed outside Poolform", "capacity.desired = 5 -> 7");
    ws.expect(0, "apply", "--auto-approve");
    assertThat(arm.scaleSet("rg-pools", "api").orElseThrow().path("sku").path("capacity").asInt())
        .isEqualTo(5);
    assertThat(ws.expect(0, "plan", "--detailed-exitcode").out()).contains("No changes.");

    ws.expect(0, "destroy", "--auto-approve");
    assertThat(arm.scaleSetCount()).isZero();
  }

  @Test
  void uniformExampleRollsOutWithAzureRollingUpgrades() throws Exception {
    String config = example("uniform.pool");
    ws.write("main.pool", config);
    ws.expect(0, "apply", "--auto-approve");
    ObjectNode s = arm.scaleSet("rg-render", "render-workers").orElseThrow();
    assertThat(s.path("properties").path("orchestrationMode").asText()).isEqualTo("Uniform");
    assertThat(s.path("properties").path("virtualMachineProfile").path("priority").asText())
        .isEqualTo("Spot");
    assertThat(
            s.path("properties")
                .path("virtualMachineProfile")
                .path("extensionProfile")
                .path("extensions")
                .get(0)
                .path("properties")
                .path("type")
                .asText())
        .isEqualTo("ApplicationHealthLinux");
    assertThat(up("rg-render", "render-workers")).isEqualTo(8);
    assertThat(ws.expect(0, "plan", "--detailed-exitcode").out()).contains("No changes.");

    ws.write("main.pool", config.replace("server:latest", "server:24.04.202611010"));
    int lowest = lowestUpDuringApply("rg-render", "render-workers");
    assertThat(lastApply.out()).contains("started cloud rollout", "Apply complete!");
    // max_unavailable = 25% of 8: Azure replaces batches of 2, so never fewer than 6 up.
    assertThat(lowest).isGreaterThanOrEqualTo(6);
    s = arm.scaleSet("rg-render", "render-workers").orElseThrow();
    assertThat(s.path("properties").path("upgradePolicy").path("mode").asText())
        .isEqualTo("Rolling");
    assertThat(
            s.path("properties")
                .path("upgradePolicy")
                .path("rollingUpgradePolicy")
                .path("maxBatchInstancePercent")
                .asInt())
        .isEqualTo(25);
    assertThat(arm.instances("rg-render", "render-workers"))
        .hasSize(8)
        .allSatisfy(
            vm ->
                assertThat(vm.path("properties").path("latestModelApplied").asBoolean()).isTrue());
    assertThat(ws.expect(0, "plan", "--detailed-exitcode").out()).contains("No changes.");
    // pool status shows the scale set's latest rolling upgrade as the cloud's own event.
    CliRun status = ws.pool("status", "--json");
    JsonNode event =
        new ObjectMapper().readTree(status.out()).path("pools").path(0).path("events").path(0);
    assertThat(event.path("status").asText()).as(status.out()).isEqualTo("Completed");
    assertThat(event.path("description").asText())
        .startsWith("rolling upgrade completed (")
        .contains("0 failed, 0 in progress, 0 pending");
    assertThat(ws.pool("status").out()).contains("cloud:").contains("rolling upgrade completed");
    ws.expect(0, "destroy", "--auto-approve");
    assertThat(arm.scaleSetCount()).isZero();
  }
}
