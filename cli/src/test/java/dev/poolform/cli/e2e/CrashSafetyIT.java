package dev.poolform.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.runtime.local.LocalGroup;
import dev.poolform.runtime.local.LocalMachine;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3, "Bad input and faults": {@code pool apply} is a real child process, SIGKILLed ({@link
 * Process#destroyForcibly()} on Linux) at random moments while it creates, scales, rolls out, moves
 * (replaces) and deletes pools on the local cloud. After each kill a new apply must finish the job
 * with nothing lost and nothing leaked: no duplicate or orphaned groups or machines, a valid state
 * with no pending intents, and an empty plan.
 *
 * <p>{@code -Dcrash.points=N} (default 50) sets the number of kill points, {@code -Dcrash.seed=S}
 * replays a run.
 */
class CrashSafetyIT {
  @TempDir Path dir;

  /** One configuration the applies move between: pool name -> {desired, image}. */
  record Phase(String name, Map<String, Object[]> pools) {}

  /**
   * The phase that moves pool {@code d} to a second cloud: a replace (create on the new cloud, then
   * delete from the old), where a kill between the create call and the state write leaves a group
   * the next plan must adopt or delete.
   */
  static final String MOVE = "move d to cloud dev2";

  static final List<Phase> PHASES =
      List.of(
          new Phase("create", pools("a", 2, "img-1", "b", 2, "img-1", "c", 1, "img-1")),
          new Phase(
              "scale+rollout+delete+create",
              pools("a", 3, "img-1", "b", 2, "img-2", "d", 2, "img-1")),
          new Phase("rollout+scale", pools("a", 3, "img-2", "b", 1, "img-2", "d", 2, "img-2")),
          new Phase(MOVE, pools("a", 3, "img-2", "b", 1, "img-2", "d", 2, "img-2")),
          new Phase("delete all", pools()));

  static String cloudOf(Phase p, String pool) {
    return p.name().equals(MOVE) && pool.equals("d") ? "dev2" : "dev";
  }

  static Map<String, Object[]> pools(Object... spec) {
    Map<String, Object[]> m = new TreeMap<>();
    for (int i = 0; i < spec.length; i += 3)
      m.put((String) spec[i], new Object[] {spec[i + 1], spec[i + 2]});
    return m;
  }

  static String config(Phase p) {
    return CrashRun.config(
        p,
        "cloud local dev {\n  region = \"dev\"\n  boot_time = 200ms\n  seed = 7\n}\n"
            + "cloud local dev2 {\n  region = \"dev2\"\n  boot_time = 200ms\n  seed = 8\n}\n",
        pool -> cloudOf(p, pool),
        name -> name,
        image -> "size = \"small\"  image = \"" + image + "\"",
        pool -> "max_surge = 1  max_unavailable = 0");
  }

  @Test
  void killedAppliesLoseNothingAndLeakNothing() throws Exception {
    Workspace ws = new Workspace(dir);
    ws.env.put("POOLFORM_POLL_INTERVAL", "50ms");
    CrashRun.Summary s =
        CrashRun.run(
            ws,
            PHASES,
            CrashSafetyIT::config,
            phase -> verifyConverged(ws, phase),
            Integer.getInteger("crash.points", 50),
            Long.getLong("crash.seed", System.nanoTime()));
    System.out.println("crash test: " + s);
  }

  /** The cloud matches the phase exactly, the state agrees, and the next plan is empty. */
  private void verifyConverged(Workspace ws, Phase phase) throws Exception {
    String lineage =
        CrashRun.stateConverged(ws, phase.pools().keySet().stream().map(n -> "pool." + n).toList());

    Map<String, LocalGroup> groups = ws.groups();
    assertThat(groups.keySet())
        .as("no orphaned or duplicate groups")
        .containsExactlyInAnyOrderElementsOf(
            phase.pools().keySet().stream().map(n -> cloudOf(phase, n) + "/" + n).toList());
    for (Map.Entry<String, Object[]> e : phase.pools().entrySet()) {
      LocalGroup g = groups.get(cloudOf(phase, e.getKey()) + "/" + e.getKey());
      long desired = ((Number) e.getValue()[0]).longValue();
      assertThat(g.tags())
          .containsEntry(LocalGroup.ADDRESS_TAG, "pool." + e.getKey())
          .containsEntry(LocalGroup.LINEAGE_TAG, lineage);
      assertThat(g.desired()).isEqualTo(desired);
      assertThat(g.model().machine().string("image")).contains((String) e.getValue()[1]);
      assertThat(g.machines()).as("group %s", g.name()).hasSize((int) desired);
      assertThat(g.machines())
          .allMatch(
              m -> m.specHash().equals(g.model().specHash()), "every machine on the current spec");
      assertThat(g.machines()).noneMatch(m -> m.status() == LocalMachine.Status.FAILED);
    }
  }
}
