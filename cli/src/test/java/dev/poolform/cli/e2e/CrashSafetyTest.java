package dev.poolform.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poolform.cli.CliRun;
import dev.poolform.runtime.local.LocalGroup;
import dev.poolform.runtime.local.LocalMachine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3, "Bad input and faults": {@code pool apply} is a real child process, SIGKILLed
 * ({@link Process#destroyForcibly()} on Linux) at random moments while it creates, scales, rolls
 * out, moves (replaces) and deletes pools on the local cloud. After each kill a new apply must finish the job with
 * nothing lost and nothing leaked: no duplicate or orphaned groups or machines, a valid state with
 * no pending intents, and an empty plan.
 *
 * <p>{@code -Dcrash.points=N} (default 50) sets the number of kill points, {@code -Dcrash.seed=S}
 * replays a run.
 */
class CrashSafetyTest {
  @TempDir Path dir;

  /** One configuration the applies move between: pool name -> {desired, image}. */
  record Phase(String name, Map<String, Object[]> pools) {}

  /**
   * The phase that moves pool {@code d} to a second cloud: a replace (create on the new cloud,
   * then delete from the old), where a kill between the create call and the state write leaves a
   * group the next plan must adopt or delete.
   */
  static final String MOVE = "move d to cloud dev2";

  static final List<Phase> PHASES =
      List.of(
          new Phase("create", pools("a", 2, "img-1", "b", 2, "img-1", "c", 1, "img-1")),
          new Phase("scale+rollout+delete+create", pools("a", 3, "img-1", "b", 2, "img-2", "d", 2, "img-1")),
          new Phase("rollout+scale", pools("a", 3, "img-2", "b", 1, "img-2", "d", 2, "img-2")),
          new Phase(MOVE, pools("a", 3, "img-2", "b", 1, "img-2", "d", 2, "img-2")),
          new Phase("delete all", pools()));

  static String cloudOf(Phase p, String pool) {
    return p.name().equals(MOVE) && pool.equals("d") ? "dev2" : "dev";
  }

  static Map<String, Object[]> pools(Object... spec) {
    Map<String, Object[]> m = new TreeMap<>();
    for (int i = 0; i < spec.length; i += 3) m.put((String) spec[i], new Object[] {spec[i + 1], spec[i + 2]});
    return m;
  }

  static String config(Phase p) {
    StringBuilder sb =
        new StringBuilder("# crash test phase: " + p.name() + "\ncloud local dev {\n  boot_time = 200ms\n  seed = 7\n}\n"
            + "cloud local dev2 {\n  boot_time = 200ms\n  seed = 8\n}\n");
    p.pools()
        .forEach(
            (name, v) ->
                sb.append("pool \"").append(name).append("\" on ").append(cloudOf(p, name)).append(" {\n")
                    .append("  capacity { min = 0  max = 5  desired = ").append(v[0]).append(" }\n")
                    .append("  machine  { size = \"small\"  image = \"").append(v[1]).append("\" }\n")
                    .append("  rollout  { max_surge = 1  max_unavailable = 0 }\n")
                    .append("}\n"));
    return sb.toString();
  }

  @Test
  void killedAppliesLoseNothingAndLeakNothing() throws Exception {
    int points = Integer.getInteger("crash.points", 50);
    long seed = Long.getLong("crash.seed", System.nanoTime());
    Random random = new Random(seed);
    Workspace ws = new Workspace(dir);
    ws.env.put("POOLFORM_POLL_INTERVAL", "50ms");
    String lockFile = "pool.state.json.lock";

    // One uninterrupted pass through the phases, as child processes: checks the happy path and
    // measures how long each apply works after its first line of output (the JVM has started and
    // compiled the configuration by then), so that kills land inside the work.
    long[] took = new long[PHASES.size()];
    for (int i = 0; i < PHASES.size(); i++) {
      ws.write("main.pool", config(PHASES.get(i)));
      Child c = Child.start(ws);
      assertThat(c.started.await(120, TimeUnit.SECONDS)).isTrue();
      long t0 = System.nanoTime();
      assertThat(c.process.waitFor(120, TimeUnit.SECONDS)).isTrue();
      took[i] = Math.max(1, (System.nanoTime() - t0) / 1_000_000);
      assertThat(c.process.exitValue()).as("uninterrupted apply of phase %s:%n%s", PHASES.get(i).name(), c.output).isZero();
      verifyConverged(ws, PHASES.get(i));
    }

    int killedMidway = 0;
    List<String> log = new ArrayList<>();
    for (int k = 0; k < points; k++) {
      Phase phase = PHASES.get(k % PHASES.size());
      ws.write("main.pool", config(phase));
      long window = took[k % PHASES.size()];
      long delay = (long) (random.nextDouble() * window);
      Child c = Child.start(ws);
      Process p = c.process;
      c.started.await(120, TimeUnit.SECONDS);
      boolean exited = p.waitFor(delay, TimeUnit.MILLISECONDS);
      if (!exited) {
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
        killedMidway++;
      }
      log.add("point " + k + " (" + phase.name() + "): " + (exited ? "finished before the kill" : "killed after " + delay + "ms"));

      // The user's recovery: a dead process's lock is removed with force-unlock, then apply again.
      if (Files.exists(dir.resolve(lockFile))) {
        String id = new ObjectMapper().readTree(dir.resolve(lockFile).toFile()).path("id").asText();
        ws.expect(0, "force-unlock", id);
      }
      CliRun again = ws.pool("apply", "--auto-approve", "main.pool");
      assertThat(again.status())
          .as("seed %d, %s\nrecovery apply:\n%s%s", seed, log.get(k), again.out(), again.err())
          .isZero();
      verifyConverged(ws, phase);
    }
    System.out.printf("crash test: seed %d, %d kill points, %d killed mid-apply%n", seed, points, killedMidway);
    assertThat(killedMidway).as("most kills land inside an apply").isGreaterThan(points / 2);
  }

  /** The cloud matches the phase exactly, the state agrees, and the next plan is empty. */
  private void verifyConverged(Workspace ws, Phase phase) throws Exception {
    CliRun plan = ws.pool("plan", "--detailed-exitcode", "main.pool");
    assertThat(plan.status()).as("plan after recovery:\n%s%s", plan.out(), plan.err()).isZero();

    JsonNode state = ws.state();
    String lineage = state.path("lineage").asText();
    assertThat(state.path("pending")).as("no pending intents left").isEmpty();
    assertThat(ws.stateAddresses())
        .containsExactlyInAnyOrderElementsOf(phase.pools().keySet().stream().map(n -> "pool." + n).toList());

    Map<String, LocalGroup> groups = ws.groups();
    assertThat(groups.keySet())
        .as("no orphaned or duplicate groups")
        .containsExactlyInAnyOrderElementsOf(phase.pools().keySet().stream().map(n -> cloudOf(phase, n) + "/" + n).toList());
    for (Map.Entry<String, Object[]> e : phase.pools().entrySet()) {
      LocalGroup g = groups.get(cloudOf(phase, e.getKey()) + "/" + e.getKey());
      long desired = ((Number) e.getValue()[0]).longValue();
      assertThat(g.tags()).containsEntry(LocalGroup.ADDRESS_TAG, "pool." + e.getKey()).containsEntry(LocalGroup.LINEAGE_TAG, lineage);
      assertThat(g.desired()).isEqualTo(desired);
      assertThat(g.model().machine().string("image")).contains((String) e.getValue()[1]);
      assertThat(g.machines()).as("group %s", g.name()).hasSize((int) desired);
      assertThat(g.machines()).allMatch(m -> m.specHash().equals(g.model().specHash()), "every machine on the current spec");
      assertThat(g.machines()).noneMatch(m -> m.status() == LocalMachine.Status.FAILED);
    }
  }

  /** A child apply whose output is drained; {@code started} opens at its first line. */
  record Child(Process process, java.util.concurrent.CountDownLatch started, StringBuffer output) {
    static Child start(Workspace ws) throws Exception {
      Process p = child(ws);
      var started = new java.util.concurrent.CountDownLatch(1);
      StringBuffer out = new StringBuffer();
      Thread t =
          new Thread(
              () -> {
                try (var r = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream()))) {
                  for (String line; (line = r.readLine()) != null; ) {
                    started.countDown();
                    out.append(line).append('\n');
                  }
                } catch (java.io.IOException e) {
                  // the process was killed
                } finally {
                  started.countDown();
                }
              });
      t.setDaemon(true);
      t.start();
      return new Child(p, started, out);
    }
  }

  /** {@code pool apply --auto-approve main.pool} in a new JVM with this test's classpath. */
  private static Process child(Workspace ws) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd =
        new ArrayList<>(
            List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"),
                "dev.poolform.cli.Main", "apply", "--auto-approve", "main.pool"));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(ws.dir.toFile());
    pb.environment().putAll(ws.env);
    pb.redirectErrorStream(true);
    return pb.start();
  }
}
