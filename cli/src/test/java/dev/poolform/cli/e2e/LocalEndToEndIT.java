package dev.poolform.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.cli.CliRun;
import dev.poolform.runtime.local.LocalGroup;
import dev.poolform.runtime.local.LocalMachine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's day on the local cloud, through the CLI: apply, edit, roll out, drift, failures, repair,
 * destroy; and the ways it refuses (corrupt state, a held lock, a stale plan, no answer). Boot
 * times are short so the whole class runs in seconds.
 */
class LocalEndToEndIT {
  @TempDir Path dir;
  Workspace ws;

  static final String CONFIG =
      """
      cloud local dev {
        boot_time = 200ms
      }

      pool "web" on dev {
        capacity { min = 2  max = 6  desired = 3 }
        machine  { size = "small"  image = "ubuntu-24.04"  zones = ["a", "b"] }
        rollout  { max_surge = 1  max_unavailable = 0 }
        health   { grace = 0s  max_unhealthy = 1  repair = "replace" }
        labels   = { app = "web" }
      }
      """;

  @BeforeEach
  void setUp() throws Exception {
    ws = new Workspace(dir);
    ws.env.put("POOLFORM_POLL_INTERVAL", "50ms");
    ws.write("main.pool", CONFIG);
  }

  @Test
  void applyEditRollOutAndPlanIsEmptyAgain() throws Exception {
    CliRun plan = ws.expect(2, "plan", "--detailed-exitcode");
    assertThat(plan.out())
        .contains(
            "# pool.web will be created",
            "+ pool.web {",
            "Plan: 1 to create, 0 to change, 0 to destroy.");

    CliRun apply = ws.expect(0, "apply", "--auto-approve");
    assertThat(apply.out()).contains("Apply complete! Pools: 1 created, 0 changed, 0 destroyed.");
    LocalGroup g = ws.cloud("default").group("web").orElseThrow();
    assertThat(g.machines()).hasSize(3).allMatch(m -> m.status() == LocalMachine.Status.HEALTHY);
    assertThat(ws.stateAddresses()).containsExactly("pool.web");

    assertThat(ws.expect(0, "plan", "--detailed-exitcode").out()).contains("No changes.");

    ws.write("main.pool", CONFIG.replace("ubuntu-24.04", "ubuntu-24.10"));
    CliRun rollout = ws.expect(2, "plan", "--detailed-exitcode");
    assertThat(rollout.out())
        .contains(
            "# pool.web will be rolled out",
            "machine.image = \"ubuntu-24.04\" -> \"ubuntu-24.10\"",
            "Plan: 0 to create, 1 to change, 0 to destroy.");

    CliRun rolled = ws.expect(0, "apply", "--auto-approve");
    assertThat(rolled.out())
        .contains("pool.web", "Apply complete! Pools: 0 created, 1 changed, 0 destroyed.");
    LocalGroup after = ws.cloud("default").group("web").orElseThrow();
    assertThat(after.machines())
        .hasSize(3)
        .allMatch(m -> m.specHash().equals(after.model().specHash()));
    assertThat(after.model().machine().string("image")).contains("ubuntu-24.10");
    assertThat(ws.expect(0, "plan", "--detailed-exitcode").out()).contains("No changes.");
  }

  @Test
  void driftFromOutsideIsShownAndCorrected() throws Exception {
    ws.expect(0, "apply", "--auto-approve");
    ws.expect(0, "local", "scale", "web", "5");
    CliRun plan = ws.expect(2, "plan", "--detailed-exitcode");
    assertThat(plan.out())
        .contains("Changed outside Poolform", "pool.web", "capacity.desired", "5");
    ws.expect(0, "apply", "--auto-approve");
    assertThat(ws.cloud("default").group("web").orElseThrow().desired()).isEqualTo(3);
    ws.expect(0, "plan", "--detailed-exitcode");
  }

  @Test
  void anAutoscalerOwnsDesiredUnderExternal() throws Exception {
    ws.write("main.pool", CONFIG.replace("desired = 3", "desired = external"));
    ws.expect(0, "apply", "--auto-approve");
    assertThat(ws.cloud("default").group("web").orElseThrow().desired()).isEqualTo(2);
    ws.expect(0, "local", "scale", "web", "5");
    CliRun plan = ws.expect(0, "plan", "--detailed-exitcode");
    assertThat(plan.out()).contains("No changes.");
    assertThat(ws.cloud("default").group("web").orElseThrow().desired()).isEqualTo(5);
  }

  @Test
  void killedMachinesAreReplacedByTheGroup() throws Exception {
    ws.expect(0, "apply", "--auto-approve");
    String killed = ws.cloud("default").group("web").orElseThrow().machines().get(0).id();
    ws.expect(0, "local", "kill", "web", killed);
    LocalGroup g = ws.awaitHealthy("default", "web", 3, Duration.ofSeconds(10));
    assertThat(g.machines()).noneMatch(m -> m.id().equals(killed));
    ws.expect(0, "plan", "--detailed-exitcode");
  }

  @Test
  void unhealthyMachinesAreRepaired() throws Exception {
    ws.expect(0, "apply", "--auto-approve");
    String sick = ws.cloud("default").group("web").orElseThrow().machines().get(0).id();
    ws.expect(0, "local", "sick", "web", sick);
    CliRun plan = ws.expect(2, "plan", "--detailed-exitcode");
    assertThat(plan.out()).contains("# pool.web will be repaired");
    ws.expect(0, "apply", "--auto-approve");
    LocalGroup g = ws.awaitHealthy("default", "web", 3, Duration.ofSeconds(10));
    assertThat(g.machines()).noneMatch(m -> m.id().equals(sick));
    ws.expect(0, "plan", "--detailed-exitcode");
  }

  @Test
  void destroyLeavesNothing() throws Exception {
    ws.expect(0, "apply", "--auto-approve");
    CliRun d = ws.expect(0, "destroy", "--auto-approve");
    assertThat(d.out()).contains("Destroy complete! Pools: 1 destroyed.");
    assertThat(ws.groups()).isEmpty();
    assertThat(ws.stateAddresses()).isEmpty();
    assertThat(ws.expect(0, "destroy", "--auto-approve").out()).contains("No changes.");
  }

  @Test
  void corruptStateIsRefusedWithoutChange() throws Exception {
    ws.expect(0, "apply", "--auto-approve");
    String broken = ws.read("pool.state.json").substring(0, 40);
    ws.write("pool.state.json", broken);
    CliRun plan = ws.expect(1, "plan");
    assertThat(plan.err()).contains("pool.state.json");
    CliRun apply = ws.expect(1, "apply", "--auto-approve");
    assertThat(apply.err()).contains("pool.state.json");
    assertThat(ws.read("pool.state.json")).isEqualTo(broken);
  }

  @Test
  void aHeldLockStopsASecondApplyAtOnceAndForceUnlockFreesIt() throws Exception {
    ws.expect(0, "apply", "--auto-approve");
    long pid = ProcessHandle.current().pid();
    ws.write(
        "pool.state.json.lock",
        "{\"id\": \"11111111-2222-3333-4444-555555555555\", \"who\": \"someone@elsewhere\","
            + " \"pid\": "
            + pid
            + ", \"when\": \"2026-01-01T00:00:00Z\", \"operation\": \"apply\"}\n");
    CliRun locked = ws.pool("apply", "--auto-approve");
    assertThat(locked.status()).isEqualTo(2);
    assertThat(locked.err())
        .contains("locked", "11111111-2222-3333-4444-555555555555", "force-unlock");
    ws.expect(0, "force-unlock", "11111111-2222-3333-4444-555555555555");
    assertThat(Files.exists(dir.resolve("pool.state.json.lock"))).isFalse();
    ws.expect(0, "apply", "--auto-approve");
  }

  @Test
  void aStalePlanFileIsRefused() throws Exception {
    ws.expect(0, "apply", "--auto-approve");
    ws.write("main.pool", CONFIG.replace("desired = 3", "desired = 4"));
    ws.expect(0, "plan", "--out", "scale.plan");
    ws.write("main.pool", CONFIG.replace("desired = 3", "desired = 2"));
    ws.expect(0, "apply", "--auto-approve");
    CliRun stale = ws.expect(1, "apply", "scale.plan");
    assertThat(stale.err()).containsIgnoringCase("stale");
    assertThat(ws.cloud("default").group("web").orElseThrow().desired()).isEqualTo(2);
  }

  @Test
  void aSavedPlanAppliesWithoutAQuestion() throws Exception {
    ws.expect(0, "plan", "--out", "create.plan");
    ws.expect(0, "apply", "create.plan");
    assertThat(ws.cloud("default").group("web")).isPresent();
  }

  @Test
  void theApprovalIsReadFromStandardInputAndItsEndRefuses() throws Exception {
    CliRun r = ws.expect(2, "apply");
    assertThat(r.err()).contains("--auto-approve").contains("pool plan --out");
    assertThat(ws.groups()).isEmpty();

    CliRun no = ws.poolWithInput("no\n", "apply");
    assertThat(no.status()).isEqualTo(1);
    assertThat(no.out()).contains("Only 'yes' will be accepted").contains("Apply cancelled.");
    assertThat(ws.groups()).isEmpty();

    CliRun yes = ws.poolWithInput("yes\n", "apply");
    assertThat(yes.status()).isZero();
    assertThat(ws.groups()).hasSize(1);

    CliRun closed = ws.expect(2, "destroy");
    assertThat(closed.err()).contains("--auto-approve");
    assertThat(ws.groups()).hasSize(1);
  }

  @Test
  void jsonPlanIsMachineReadable() throws Exception {
    CliRun r = ws.expect(0, "plan", "--json");
    var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
    assertThat(json.path("changes").get(0).path("address").asText()).isEqualTo("pool.web");
    assertThat(json.path("changes").get(0).path("action").asText()).isEqualTo("create");
    assertThat(json.has("drift")).isTrue();
  }
}
