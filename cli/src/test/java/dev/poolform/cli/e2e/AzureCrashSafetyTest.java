package dev.poolform.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolform.cli.CliRun;
import dev.poolform.provider.azure.emulator.ArmEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pool apply} against the ARM emulator as a real child process, SIGKILLed at random moments
 * while it creates, scales, rolls out and deletes scale sets. After each kill an apply must finish
 * the job: no orphaned or duplicate scale sets, every scale set tagged with the state's lineage,
 * capacities and models as configured, no pending intents, an empty plan.
 *
 * <p>Slow (a JVM with the Azure SDK per kill point), so opt-in: {@code -Dpoolform.crash=true};
 * {@code -Dcrash.points=N} (default 20), {@code -Dcrash.seed=S} replays a run.
 */
@EnabledIfSystemProperty(named = "poolform.crash", matches = "true")
class AzureCrashSafetyTest {
  static final String TOKEN = "crash-token";
  @TempDir Path dir;

  // The phases' shape and the pools() helper are the local crash test's; only the images differ.
  static final List<CrashSafetyTest.Phase> PHASES = List.of(
      new CrashSafetyTest.Phase("create", CrashSafetyTest.pools("a", 2, "1", "b", 2, "1", "c", 1, "1")),
      new CrashSafetyTest.Phase("scale+rollout+delete+create", CrashSafetyTest.pools("a", 3, "1", "b", 2, "2", "d", 2, "1")),
      new CrashSafetyTest.Phase("rollout+scale", CrashSafetyTest.pools("a", 3, "2", "b", 1, "2", "d", 2, "2")),
      new CrashSafetyTest.Phase("delete all", CrashSafetyTest.pools()));

  static String config(CrashSafetyTest.Phase p) {
    StringBuilder sb = new StringBuilder("# crash test phase: " + p.name() + "\n"
        + "cloud azure az {\n  subscription = \"00000000-0000-0000-0000-0000000000cc\"\n"
        + "  resource_group = \"rg-crash\"\n  location = \"westeurope\"\n}\n");
    p.pools().forEach((name, v) -> sb.append("pool \"").append(name).append("\" on az {\n")
        .append("  capacity { min = 0  max = 5  desired = ").append(v[0]).append(" }\n")
        .append("  machine  { size = \"Standard_B1s\"  image = \"Canonical:ubuntu-24_04-lts:server:").append(v[1]).append("\" }\n")
        .append("  rollout  { max_surge = 1  max_unavailable = 0 }\n")
        .append("}\n"));
    return sb.toString();
  }

  @Test
  void killedAppliesLeaveNoOrphanedScaleSets() throws Exception {
    int points = Integer.getInteger("crash.points", 20);
    long seed = Long.getLong("crash.seed", System.nanoTime());
    Random random = new Random(seed);
    try (ArmEmulator arm = ArmEmulator.start(TOKEN)) {
      arm.bootMillis = 150;
      Workspace ws = new Workspace(dir);
      ws.env.put("POOLFORM_AZURE_ENDPOINT", arm.endpoint());
      ws.env.put("POOLFORM_AZURE_TEST_TOKEN", TOKEN);
      ws.env.put("POOLFORM_AZURE_POLL_INTERVAL_MS", "20");
      ws.env.put("POOLFORM_POLL_INTERVAL", "50ms");

      long[] took = new long[PHASES.size()];
      for (int i = 0; i < PHASES.size(); i++) {
        ws.write("main.pool", config(PHASES.get(i)));
        long t0 = System.nanoTime();
        Process p = child(ws);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        took[i] = (System.nanoTime() - t0) / 1_000_000;
        assertThat(p.exitValue()).as("uninterrupted apply of phase %s", PHASES.get(i).name()).isZero();
        verifyConverged(ws, arm, PHASES.get(i));
      }

      int killedMidway = 0;
      List<String> log = new ArrayList<>();
      for (int k = 0; k < points; k++) {
        CrashSafetyTest.Phase phase = PHASES.get(k % PHASES.size());
        ws.write("main.pool", config(phase));
        long delay = (long) (random.nextDouble() * took[k % PHASES.size()]);
        Process p = child(ws);
        boolean exited = p.waitFor(delay, TimeUnit.MILLISECONDS);
        if (!exited) {
          p.destroyForcibly();
          p.waitFor(30, TimeUnit.SECONDS);
          killedMidway++;
        }
        log.add("point " + k + " (" + phase.name() + "): " + (exited ? "finished before the kill" : "killed after " + delay + "ms"));
        if (Files.exists(dir.resolve("pool.state.json.lock"))) {
          String id = new ObjectMapper().readTree(dir.resolve("pool.state.json.lock").toFile()).path("id").asText();
          ws.expect(0, "force-unlock", id);
        }
        CliRun again = ws.pool("apply", "--auto-approve", "main.pool");
        assertThat(again.status()).as("seed %d, %s\nrecovery apply:\n%s%s", seed, log.get(k), again.out(), again.err())
            .isZero();
        verifyConverged(ws, arm, phase);
      }
      System.out.printf("azure crash test: seed %d, %d kill points, %d killed mid-apply%n", seed, points, killedMidway);
      Files.writeString(Path.of(System.getProperty("java.io.tmpdir"), "azure-crash.txt"),
          String.format("seed %d, %d kill points, %d killed mid-apply%n%s%n", seed, points, killedMidway, String.join("\n", log)));
      assertThat(killedMidway).as("most kills land inside an apply").isGreaterThan(points / 2);
    }
  }

  private void verifyConverged(Workspace ws, ArmEmulator arm, CrashSafetyTest.Phase phase) throws Exception {
    CliRun plan = ws.pool("plan", "--detailed-exitcode", "main.pool");
    assertThat(plan.status()).as("plan after recovery:\n%s%s", plan.out(), plan.err()).isZero();
    JsonNode state = ws.state();
    String lineage = state.path("lineage").asText();
    assertThat(state.path("pending")).as("no pending intents left").isEmpty();
    assertThat(ws.stateAddresses())
        .containsExactlyInAnyOrderElementsOf(phase.pools().keySet().stream().map(n -> "pool." + n).toList());
    // A scale set still being deleted by ARM is on its way out, not an orphan.
    long end = System.currentTimeMillis() + 10_000;
    while (arm.scaleSetCount() != phase.pools().size() && System.currentTimeMillis() < end) Thread.sleep(50);
    assertThat(arm.scaleSetNames()).as("no orphaned or duplicate scale sets")
        .containsExactlyInAnyOrderElementsOf(phase.pools().keySet());
    for (Map.Entry<String, Object[]> e : phase.pools().entrySet()) {
      ObjectNode s = arm.scaleSet("rg-crash", e.getKey()).orElseThrow();
      assertThat(s.path("tags").path("poolform:address").asText()).isEqualTo("pool." + e.getKey());
      assertThat(s.path("tags").path("poolform:lineage").asText()).isEqualTo(lineage);
      long desired = ((Number) e.getValue()[0]).longValue();
      assertThat(s.path("sku").path("capacity").asLong()).isEqualTo(desired);
      assertThat(s.path("properties").path("virtualMachineProfile").path("storageProfile").path("imageReference")
          .path("version").asText()).isEqualTo((String) e.getValue()[1]);
      long vmEnd = System.currentTimeMillis() + 10_000;
      while (live(arm, e.getKey()).size() != desired && System.currentTimeMillis() < vmEnd) Thread.sleep(50);
      assertThat(live(arm, e.getKey())).as("scale set %s", e.getKey()).hasSize((int) desired)
          .allSatisfy(vm -> assertThat(vm.path("properties").path("latestModelApplied").asBoolean()).isTrue());
    }
  }

  private static List<ObjectNode> live(ArmEmulator arm, String name) {
    return arm.instances("rg-crash", name).stream()
        .filter(vm -> !vm.path("properties").path("provisioningState").asText().equals("Deleting"))
        .toList();
  }

  private static Process child(Workspace ws) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
        "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        "dev.poolform.cli.Main", "apply", "--auto-approve", "main.pool"));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(ws.dir.toFile());
    pb.environment().putAll(ws.env);
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    return pb.start();
  }
}
