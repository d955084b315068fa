package dev.poolform.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolform.cli.CliRun;
import dev.poolform.testing.arm.ArmEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pool apply} against the ARM emulator as a real child process, SIGKILLed at random moments
 * while it creates, scales, rolls out, replaces and deletes scale sets. After each kill an apply
 * must finish the job: no orphaned or duplicate scale sets, every scale set tagged with the state's
 * lineage and named as the state says, capacities, models and orchestration modes as configured, no
 * pending intents, an empty plan.
 *
 * <p>A kill point is a request count: the child dies right after its n-th ARM request took effect,
 * before it hears the answer. Part of the default build: 20 kill points ({@code -Dcrash.points=N}
 * for more or fewer; {@code -Dcrash.seed=S} replays a run). Kept fast with small pools, one
 * emulator for the whole run, instances that boot in 30 ms and 20 ms poll intervals; the time goes
 * into starting the child JVMs.
 */
class AzureCrashSafetyIT {
  static final String TOKEN = "crash-token";
  static final String RG = "rg-crash";
  @TempDir Path dir;

  /** A pool of a phase: its size, image version and orchestration mode. */
  record Pool(int desired, String image, String orchestration) {}

  record Phase(String name, Map<String, Pool> pools) {}

  static Map<String, Pool> pools(Object... spec) {
    Map<String, Pool> m = new TreeMap<>();
    for (int i = 0; i < spec.length; i += 4) {
      m.put(
          (String) spec[i],
          new Pool((Integer) spec[i + 1], (String) spec[i + 2], (String) spec[i + 3]));
    }
    return m;
  }

  // Phase 3 turns pool a from Flexible to Uniform: orchestration is immutable, so the plan
  // replaces the scale set (a new one named a-rXXXX, then the old one deleted), and a kill can
  // land between the new scale set's create and the state write.
  static final List<Phase> PHASES =
      List.of(
          new Phase(
              "create",
              pools("a", 2, "1", "flexible", "b", 2, "1", "flexible", "c", 1, "1", "uniform")),
          new Phase(
              "scale+rollout+delete+create",
              pools("a", 2, "1", "flexible", "b", 1, "2", "flexible", "d", 2, "1", "uniform")),
          new Phase(
              "replace+rollout+scale",
              pools("a", 2, "1", "uniform", "b", 2, "2", "flexible", "d", 1, "2", "uniform")),
          new Phase("delete all", pools()));

  static String config(Phase p) {
    StringBuilder sb =
        new StringBuilder(
            "# crash test phase: "
                + p.name()
                + "\n"
                + "cloud azure az {\n  subscription = \"00000000-0000-0000-0000-0000000000cc\"\n"
                + "  resource_group = \""
                + RG
                + "\"\n  location = \"westeurope\"\n}\n");
    p.pools()
        .forEach(
            (name, v) ->
                sb.append("pool \"")
                    .append(name)
                    .append("\" on az {\n")
                    .append("  capacity { min = 0  max = 5  desired = ")
                    .append(v.desired())
                    .append(" }\n")
                    .append(
                        "  machine  { size = \"Standard_B1s\"  image = \"Canonical:ubuntu-24_04-lts:server:")
                    .append(v.image())
                    .append("\"  orchestration = \"")
                    .append(v.orchestration())
                    .append("\"\n    subnet = \"")
                    .append(AzureEmulated.SUBNET)
                    .append("\" }\n")
                    .append("  rollout  { max_surge = 1  max_unavailable = 0 }\n")
                    .append("}\n"));
    return sb.toString();
  }

  @Test
  void killedAppliesLeaveNoOrphanedScaleSets() throws Exception {
    int points = Integer.getInteger("crash.points", 20);
    long seed = Long.getLong("crash.seed", System.nanoTime());
    Random random = new Random(seed);
    long t0 = System.nanoTime();
    try (ArmEmulator arm = AzureEmulated.start(TOKEN, 30)) {
      Workspace ws = new Workspace(dir);
      AzureEmulated.use(ws, arm, TOKEN);
      ws.env.put("POOLFORM_POLL_INTERVAL", "20ms");

      // Each phase once, uninterrupted and in-process (the same requests as a child makes, without
      // a JVM start): how many requests it makes to ARM is the range the kill points are drawn
      // from.
      int[] requests = new int[PHASES.size()];
      for (int i = 0; i < PHASES.size(); i++) {
        ws.write("main.pool", config(PHASES.get(i)));
        int before = requests(arm);
        ws.expect(0, "apply", "--auto-approve", "main.pool");
        requests[i] = requests(arm) - before;
        verifyConverged(ws, arm, PHASES.get(i), "uninterrupted phase " + PHASES.get(i).name());
      }

      // Each kill lands right after the child's n-th request took effect at ARM and before the
      // child hears the answer, n drawn from the phase's requests: load on the machine changes
      // how long an apply takes, not where in it the kill lands.
      int killedMidway = 0;
      List<String> log = new ArrayList<>();
      for (int k = 0; k < points; k++) {
        Phase phase = PHASES.get(k % PHASES.size());
        ws.write("main.pool", config(phase));
        // Drawn from the first 60%: with the shared poller most of a phase's requests are reads
        // while machines boot, and how many there are follows the machine's load, so a rerun often
        // makes far fewer than the measured run and a kill drawn from the tail would miss it. The
        // writes, which the kills are for, come early in each phase.
        int n = 1 + random.nextInt(Math.max(1, requests[k % PHASES.size()] * 3 / 5 - 1));
        AtomicInteger seen = new AtomicInteger();
        AtomicReference<Process> child = new AtomicReference<>();
        AtomicBoolean killed = new AtomicBoolean();
        arm.afterEachRequest =
            () -> {
              if (seen.incrementAndGet() == n && child.get() != null) {
                child.get().destroyForcibly();
                killed.set(true);
              }
            };
        Process p = child(ws);
        child.set(p);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("child of point %d ends", k).isTrue();
        arm.afterEachRequest = null;
        if (killed.get()) killedMidway++;
        log.add(
            "point "
                + k
                + " ("
                + phase.name()
                + "): "
                + (killed.get()
                    ? "killed at request " + n
                    : "finished before request " + n + " (" + seen.get() + " requests)"));
        ChildApply.forceUnlockIfLocked(ws);
        CliRun again = ws.pool("apply", "--auto-approve", "main.pool");
        assertThat(again.status())
            .as("seed %d, %s\nrecovery apply:\n%s%s", seed, log.get(k), again.out(), again.err())
            .isZero();
        assertThat(again.hasStackTrace())
            .as("no stack trace in:\n%s%s", again.out(), again.err())
            .isFalse();
        verifyConverged(ws, arm, phase, "seed " + seed + ", " + log.get(k));
      }
      long seconds = (System.nanoTime() - t0) / 1_000_000_000;
      String summary =
          String.format(
              "azure crash test: seed %d, %d kill points, %d killed mid-apply, %d s,"
                  + " ARM requests of the uninterrupted phases %s",
              seed, points, killedMidway, seconds, java.util.Arrays.toString(requests));
      System.out.println(summary);
      Files.writeString(
          Path.of(System.getProperty("java.io.tmpdir"), "azure-crash.txt"),
          summary + "\n" + String.join("\n", log) + "\n");
      // A rerun can make fewer requests than the uninterrupted run (fewer polls while machines
      // boot).
      assertThat(killedMidway).as("most kills land inside an apply").isGreaterThan(points / 2);
    }
  }

  private void verifyConverged(Workspace ws, ArmEmulator arm, Phase phase, String context)
      throws Exception {
    CliRun plan = ws.pool("plan", "--detailed-exitcode", "main.pool");
    assertThat(plan.status())
        .as("%s: plan after recovery:\n%s%s", context, plan.out(), plan.err())
        .isZero();
    JsonNode state = ws.state();
    String lineage = state.path("lineage").asText();
    assertThat(state.path("pending")).as("no pending intents left").isEmpty();
    assertThat(ws.stateAddresses())
        .containsExactlyInAnyOrderElementsOf(
            phase.pools().keySet().stream().map(n -> "pool." + n).toList());
    // A replaced pool's scale set is NAME or NAME-rXXXX: the state says which.
    Map<String, String> groupOf = new TreeMap<>();
    for (String name : phase.pools().keySet()) {
      groupOf.put(
          name, state.path("resources").path("pool." + name).path("group").path("name").asText());
    }
    // A scale set still being deleted by ARM is on its way out, not an orphan.
    long end = System.currentTimeMillis() + 10_000;
    while (arm.scaleSetCount() != phase.pools().size() && System.currentTimeMillis() < end)
      Thread.sleep(20);
    assertThat(arm.scaleSetNames())
        .as("%s: no orphaned or duplicate scale sets", context)
        .containsExactlyInAnyOrderElementsOf(groupOf.values());
    for (Map.Entry<String, Pool> e : phase.pools().entrySet()) {
      String group = groupOf.get(e.getKey());
      ObjectNode s = arm.scaleSet(RG, group).orElseThrow();
      assertThat(s.path("tags").path("poolform:address").asText()).isEqualTo("pool." + e.getKey());
      assertThat(s.path("tags").path("poolform:lineage").asText()).isEqualTo(lineage);
      Pool want = e.getValue();
      assertThat(s.path("sku").path("capacity").asLong()).isEqualTo(want.desired());
      assertThat(s.path("properties").path("orchestrationMode").asText())
          .isEqualToIgnoringCase(want.orchestration());
      assertThat(
              s.path("properties")
                  .path("virtualMachineProfile")
                  .path("storageProfile")
                  .path("imageReference")
                  .path("version")
                  .asText())
          .isEqualTo(want.image());
      long vmEnd = System.currentTimeMillis() + 10_000;
      while (AzureEmulated.live(arm, RG, group).size() != want.desired()
          && System.currentTimeMillis() < vmEnd) Thread.sleep(20);
      assertThat(AzureEmulated.live(arm, RG, group))
          .as("scale set %s", group)
          .hasSize(want.desired())
          .allSatisfy(
              vm ->
                  assertThat(vm.path("properties").path("latestModelApplied").asBoolean())
                      .isTrue());
    }
  }

  private static int requests(ArmEmulator arm) {
    return arm.counts().values().stream().mapToInt(Integer::intValue).sum();
  }

  private static Process child(Workspace ws) throws Exception {
    return AzureEmulated.child(ws, List.of(), null, "apply", "--auto-approve", "main.pool");
  }
}
