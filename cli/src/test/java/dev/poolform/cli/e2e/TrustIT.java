package dev.poolform.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poolform.cli.CliRun;
import dev.poolform.runtime.local.LocalMachine;
import dev.poolform.testing.fixtures.RolloutInvariant;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10 items 3, 5 and 6 as a user meets them, through the CLI on the local cloud: a failed
 * create is not forgotten and holds its dependents; "complete" only when the machines are
 * available; {@code pause} is bake time; and {@code available >= desired - max_unavailable} holds
 * through a rollout that also raises {@code min_ready}, checked from the {@code --events} stream.
 */
class TrustIT {
  @TempDir Path dir;
  Workspace ws;

  @BeforeEach
  void setUp() {
    ws = new Workspace(dir);
    ws.env.put("POOLFORM_POLL_INTERVAL", "50ms");
  }

  /**
   * The reproduction: a pool whose machines never become healthy fails the apply; the next
   * plan shows what it still owes, the pool {@code after} it is not created, and no apply says
   * "complete" until it is healthy.
   */
  @Test
  void aFailedCreateIsOwedAndItsDependentsWait() throws Exception {
    String config =
        """
        cloud local broken {
          region    = "broken"
          boot_time = 100ms
          fail_rate = 1
        }
        cloud local ok {
          region    = "ok"
          boot_time = 100ms
        }

        pool "db" on broken {
          capacity { min = 1  max = 3  desired = 2 }
          machine  { size = "small"  image = "ubuntu-24.04" }
          rollout  { timeout = 5s }
        }

        pool "web" on ok {
          capacity { min = 1  max = 3  desired = 2 }
          machine  { size = "small"  image = "ubuntu-24.04" }
          after    = ["db"]
        }
        """;
    ws.write("main.pool", config);
    CliRun first = ws.expect(1, "apply", "--auto-approve");
    assertThat(first.err())
        .contains("Apply failed")
        .contains("pool.db failed: ")
        .contains("failed to boot")
        .contains("the create is still owed")
        .contains("pool.web skipped: pool.db failed");
    assertThat(first.out() + first.err()).doesNotContain("Apply complete");

    CliRun plan = ws.expect(2, "plan", "--detailed-exitcode");
    assertThat(plan.out())
        .contains("# pool.db will be resumed: the create started at ")
        .contains("did not finish: ")
        .contains("0 of 2 machines are available now")
        .contains("# pool.web will be created");

    CliRun again = ws.expect(1, "apply", "--auto-approve");
    assertThat(again.out() + again.err()).doesNotContain("Apply complete");
    assertThat(ws.groups()).doesNotContainKey("ok/web");
    assertThat(ws.stateAddresses()).containsExactly("pool.db");

    ws.write("main.pool", config.replace("fail_rate = 1", "fail_rate = 0"));
    CliRun fixed = ws.expect(0, "apply", "--auto-approve");
    assertThat(fixed.out()).contains("Apply complete! Pools: 1 created, 1 changed, 0 destroyed.");
    assertThat(ws.groups()).containsKeys("broken/db", "ok/web");
    ws.expect(0, "plan", "--detailed-exitcode");
  }

  /**
   * A repair is complete when the replacement is available (past {@code min_ready}), and the pools
   * {@code after} it start only then.
   */
  @Test
  void aRepairIsCompleteOnlyWhenItsReplacementIsAvailable() throws Exception {
    String config =
        """
        cloud local dev {
          boot_time = 600ms
        }

        pool "db" on dev {
          capacity { min = 1  max = 5  desired = 2 }
          machine  { size = "small"  image = "ubuntu-24.04" }
          rollout  { min_ready = 600ms }
          health   { grace = 0s  max_unhealthy = 1  repair = "replace" }
        }

        pool "web" on dev {
          capacity { min = 1  max = 5  desired = 1 }
          machine  { size = "small"  image = "ubuntu-24.04" }
          after    = ["db"]
        }
        """;
    ws.write("main.pool", config);
    ws.expect(0, "apply", "--auto-approve");
    ws.expect(0, "local", "sick", "db");
    ws.write("main.pool", config.replace("desired = 1 }", "desired = 2 }"));
    CliRun plan = ws.expect(2, "plan", "--detailed-exitcode");
    assertThat(plan.out()).contains("# pool.db will be repaired");
    ws.expect(0, "apply", "--auto-approve", "--events", "ev.jsonl");
    List<JsonNode> events = events("ev.jsonl");
    Instant retired = at(events, "machine_retired", "pool.db");
    Instant dbDone = at(events, "pool_finished", "pool.db");
    assertThat(Duration.between(retired, dbDone))
        // The replacement boots (600ms) and must then be ready (600ms). The event is stamped after
        // the terminate's state write, so allow for that; a repair done at once (the bug) is ~0.
        .as("the replacement booted (600ms) and was ready (600ms)")
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(at(events, "pool_started", "pool.web")).isAfterOrEqualTo(dbDone);
    assertThat(ws.cloud("default").group("db").orElseThrow().machines())
        .hasSize(2)
        .allMatch(m -> m.status() == LocalMachine.Status.HEALTHY);
  }

  /**
   * An image change together with a raised {@code min_ready}: the running machines stay available
   * (with {@code max_unavailable = 0} the pool never drops below 3), checked from the events.
   */
  @Test
  void raisingMinReadyWithAnImageChangeNeverDropsAvailability() throws Exception {
    String config = web("300ms", 6, "max_surge = 1  max_unavailable = 0  min_ready = 0s");
    ws.write("main.pool", config);
    ws.expect(0, "apply", "--auto-approve");
    ws.write(
        "main.pool",
        config.replace("ubuntu-24.04", "ubuntu-24.10").replace("min_ready = 0s", "min_ready = 1s"));
    ws.expect(0, "apply", "--auto-approve", "--events", "ev.jsonl");
    List<JsonNode> events = events("ev.jsonl");
    List<JsonNode> progress = of(events, "rollout_progress");
    assertThat(progress).isNotEmpty();
    assertThat(progress)
        .allSatisfy(
            p ->
                assertThat(p.path("available").asLong())
                    .as(p.toString())
                    .isGreaterThanOrEqualTo(3));
    assertThat(RolloutInvariant.violations(events, a -> 0)).isEmpty();
    assertThat(of(events, "machine_retired")).hasSize(3);
  }

  /** {@code pause} is bake time: the next batch launches only after the last one was healthy. */
  @Test
  void pauseIsBakeTimeBetweenBatches() throws Exception {
    String config = web("200ms", 4, "max_surge = 1  max_unavailable = 0  pause = 1s");
    ws.write("main.pool", config);
    ws.expect(0, "apply", "--auto-approve");
    ws.write("main.pool", config.replace("ubuntu-24.04", "ubuntu-24.10"));
    ws.expect(0, "apply", "--auto-approve", "--events", "ev.jsonl");
    List<JsonNode> events = events("ev.jsonl");
    List<Instant> launched = times(of(events, "machine_launched"));
    assertThat(launched).hasSize(3);
    for (int i = 1; i < launched.size(); i++) {
      assertThat(Duration.between(launched.get(i - 1), launched.get(i)))
          // Launches are seen at a poll (50ms), so allow one; without the bake they are ~200ms
          // apart.
          .as("boot (200ms) then pause (1s) between launches %d and %d", i - 1, i)
          .isGreaterThanOrEqualTo(Duration.ofMillis(1100));
    }
    assertThat(RolloutInvariant.violations(events, a -> 0)).isEmpty();
  }

  /**
   * A change to a pool below its spec (an unhealthy machine nothing replaces) does not end in
   * "complete": it fails at once and says why.
   */
  @Test
  void aPoolBelowItsSpecIsNeverReportedComplete() throws Exception {
    String config = web("200ms", 4, "max_surge = 1  max_unavailable = 0");
    ws.write("main.pool", config);
    ws.expect(0, "apply", "--auto-approve");
    ws.expect(0, "local", "sick", "web");
    ws.write(
        "main.pool", config.replace("desired = 3 }", "desired = 3 }\n  labels = { team = \"a\" }"));
    long t0 = System.nanoTime();
    CliRun r = ws.expect(1, "apply", "--auto-approve");
    assertThat((System.nanoTime() - t0) / 1_000_000_000)
        .as("no wait for rollout.timeout")
        .isLessThan(60);
    assertThat(r.err())
        .contains("pool.web failed: the pool is below its spec: 2 of 3 machines are available")
        .contains("unhealthy: ");
    assertThat(r.out() + r.err()).doesNotContain("Apply complete");
    assertThat(ws.expect(2, "plan", "--detailed-exitcode").out())
        .contains("# pool.web will be resumed");
  }

  /** One pool {@code web} of 3 machines on cloud {@code dev}. */
  private static String web(String bootTime, int max, String rollout) {
    return """
        cloud local dev {
          boot_time = %s
        }

        pool "web" on dev {
          capacity { min = 0  max = %d  desired = 3 }
          machine  { size = "small"  image = "ubuntu-24.04" }
          rollout  { %s }
        }
        """
        .formatted(bootTime, max, rollout);
  }

  private List<JsonNode> events(String file) throws Exception {
    ObjectMapper m = new ObjectMapper();
    List<JsonNode> out = new ArrayList<>();
    for (String line : ws.read(file).lines().toList())
      if (!line.isBlank()) out.add(m.readTree(line));
    return out;
  }

  private static List<JsonNode> of(List<JsonNode> events, String type) {
    return events.stream().filter(e -> e.path("type").asText().equals(type)).toList();
  }

  private static List<Instant> times(List<JsonNode> events) {
    return events.stream().map(e -> Instant.parse(e.path("time").asText())).toList();
  }

  private static Instant at(List<JsonNode> events, String type, String address) {
    return times(
            of(events, type).stream()
                .filter(e -> e.path("address").asText().equals(address))
                .toList())
        .stream()
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + " of " + address + ": " + events));
  }
}
