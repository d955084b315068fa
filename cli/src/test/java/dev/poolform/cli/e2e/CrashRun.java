package dev.poolform.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.cli.CliRun;
import dev.poolform.ir.json.CanonicalJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * The crash tests' procedure, whatever the cloud: one uninterrupted pass through the phases as
 * child processes (checks the happy path and measures how long each apply works after its first
 * line of output), then {@code points} applies SIGKILLed at a random moment of that window, each
 * followed by the user's recovery (force-unlock if a lock is left, apply again in-process) and the
 * cloud's own check that everything converged. Every other kill that leaves steps in the state's
 * journal also has the journal's last record torn, as a power cut mid-write would leave it.
 */
final class CrashRun {
  private CrashRun() {}

  /** The cloud's check after each apply; fails the test if the cloud, state or plan disagree. */
  interface Verify {
    void converged(CrashSafetyIT.Phase phase) throws Exception;
  }

  /** How a run went: printed by the tests and kept in their reports. */
  record Summary(
      long seed,
      int points,
      int killedMidway,
      int midJournal,
      int torn,
      List<Long> windowsMs,
      List<String> log,
      double seconds) {
    @Override
    public String toString() {
      return String.format(
          "seed %d, %d kill points, %d killed mid-apply (%d with a journal left, %d of those torn),"
              + " apply windows %s ms, %.1f s%n%s",
          seed, points, killedMidway, midJournal, torn, windowsMs, seconds, String.join("\n", log));
    }
  }

  static Summary run(
      Workspace ws,
      List<CrashSafetyIT.Phase> phases,
      Function<CrashSafetyIT.Phase, String> config,
      Verify verify,
      int points,
      long seed)
      throws Exception {
    long t0 = System.nanoTime();
    Random random = new Random(seed);
    long[] took = new long[phases.size()];
    for (int i = 0; i < phases.size(); i++) {
      ws.write("main.pool", config.apply(phases.get(i)));
      took[i] = ChildApply.measured(ws, "uninterrupted apply of phase " + phases.get(i).name());
      verify.converged(phases.get(i));
    }
    int killedMidway = 0;
    int midJournal = 0;
    int torn = 0;
    Path journal = ws.statePath().resolveSibling(ws.statePath().getFileName() + ".journal");
    List<String> log = new ArrayList<>();
    for (int k = 0; k < points; k++) {
      CrashSafetyIT.Phase phase = phases.get(k % phases.size());
      ws.write("main.pool", config.apply(phase));
      long delay = (long) (random.nextDouble() * took[k % phases.size()]);
      boolean killed = ChildApply.killedAfter(ws, delay);
      if (killed) killedMidway++;
      String left = "";
      if (killed && Files.exists(journal)) {
        // Killed with steps in the journal; every other time, also tear its last record as a
        // power cut mid-write would (the next command must drop it and recover from the rest).
        left = ", steps left in the journal";
        if (midJournal++ % 2 == 0) {
          tearLastRecord(journal, random);
          torn++;
          left += ", its last record torn";
        }
      }
      log.add(
          "point "
              + k
              + " ("
              + phase.name()
              + "): "
              + (killed ? "killed after " + delay + "ms" : "finished before the kill")
              + left);
      ChildApply.forceUnlockIfLocked(ws);
      CliRun again = ws.pool("apply", "--auto-approve", "main.pool");
      assertThat(again.status())
          .as("seed %d, %s\nrecovery apply:\n%s%s", seed, log.get(k), again.out(), again.err())
          .isZero();
      assertThat(again.hasStackTrace())
          .as("no stack trace in:\n%s%s", again.out(), again.err())
          .isFalse();
      try {
        verify.converged(phase);
      } catch (AssertionError e) {
        throw new AssertionError(
            "seed " + seed + ", " + log.get(k) + "\nrecovery apply:\n" + again.out() + again.err(),
            e);
      }
    }
    Summary s =
        new Summary(
            seed,
            points,
            killedMidway,
            midJournal,
            torn,
            java.util.Arrays.stream(took).boxed().toList(),
            log,
            (System.nanoTime() - t0) / 1e9);
    assertThat(killedMidway).as("most kills land inside an apply: %s", s).isGreaterThan(points / 2);
    if (points >= 10) {
      assertThat(torn)
          .as("some kills left steps in the journal, and one was torn: %s", s)
          .isPositive();
    }
    return s;
  }

  /** Cuts the journal's last record off at a random byte, leaving its earlier records whole. */
  static void tearLastRecord(Path journal, Random random) throws IOException {
    byte[] b = Files.readAllBytes(journal);
    if (b.length == 0) return;
    int end = b.length - 1; // the last record's newline
    int start = end;
    while (start > 0 && b[start - 1] != '\n') start--;
    Files.write(journal, Arrays.copyOf(b, start + random.nextInt(Math.max(1, end - start))));
  }

  /**
   * A phase as a configuration: the cloud block, then one pool per entry with the phase's desired
   * count, {@code machine.apply(version)} as its machine block and {@code rollout.apply(pool)} as
   * its rollout block.
   */
  static String config(
      CrashSafetyIT.Phase p,
      String cloudBlock,
      String cloud,
      Function<String, String> poolName,
      Function<String, String> machine,
      Function<String, String> rollout) {
    return config(p, cloudBlock, pool -> cloud, poolName, machine, rollout);
  }

  /** {@link #config} where {@code cloudOf} says which declared cloud each pool is on. */
  static String config(
      CrashSafetyIT.Phase p,
      String cloudBlocks,
      Function<String, String> cloudOf,
      Function<String, String> poolName,
      Function<String, String> machine,
      Function<String, String> rollout) {
    StringBuilder sb = new StringBuilder("# crash test phase: " + p.name() + "\n" + cloudBlocks);
    for (Map.Entry<String, Object[]> e : p.pools().entrySet()) {
      sb.append("pool \"")
          .append(poolName.apply(e.getKey()))
          .append("\" on ")
          .append(cloudOf.apply(e.getKey()))
          .append(" {\n")
          .append("  capacity { min = 0  max = 5  desired = ")
          .append(e.getValue()[0])
          .append(" }\n")
          .append("  machine  { ")
          .append(machine.apply((String) e.getValue()[1]))
          .append(" }\n")
          .append("  rollout  { ")
          .append(rollout.apply(e.getKey()))
          .append(" }\n")
          .append("}\n");
    }
    return sb.toString();
  }

  /**
   * The cloud-independent half of convergence: the plan is empty, state has no pending intents and
   * holds exactly {@code addresses}. Returns the state's lineage, for the cloud's own checks.
   */
  static String stateConverged(Workspace ws, List<String> addresses) throws Exception {
    CliRun plan = ws.pool("plan", "--detailed-exitcode", "main.pool");
    assertThat(plan.status()).as("plan after recovery:\n%s%s", plan.out(), plan.err()).isZero();
    var state = ws.state();
    assertThat(state.path("pending")).as("no pending intents left").isEmpty();
    assertThat(ws.statePath().resolveSibling(ws.statePath().getFileName() + ".journal"))
        .as("the apply folded its journal into the state")
        .doesNotExist();
    byte[] bytes = Files.readAllBytes(ws.statePath());
    assertThat(new String(bytes, StandardCharsets.UTF_8))
        .as("the state file is canonical")
        .isEqualTo(CanonicalJson.write(CanonicalJson.parse(bytes)));
    assertThat(ws.stateAddresses()).containsExactlyInAnyOrderElementsOf(addresses);
    return state.path("lineage").asText();
  }
}
