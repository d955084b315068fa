package dev.poolform.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poolform.cli.CliRun;
import dev.poolform.runtime.local.LocalMachine;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pool status} on the local cloud: healthy and current after an apply, not current after
 * drift, unhealthy with a sick machine, and the exit statuses scripts read. About 3 s.
 */
class StatusIT {
  @TempDir Path dir;
  Workspace ws;

  static final String CONFIG =
      """
      cloud local dev {
        boot_time = 100ms
      }

      pool "web" on dev {
        capacity { min = 1  max = 6  desired = 3 }
        machine  { size = "small"  image = "ubuntu-24.04" }
        health   { grace = 1h  max_unhealthy = 1  repair = "replace" }
      }

      pool "batch" on dev {
        capacity { min = 0  max = 4  desired = 1 }
        machine  { size = "small"  image = "ubuntu-24.04" }
      }
      """;

  @BeforeEach
  void setUp() throws Exception {
    ws = new Workspace(dir);
    ws.env.put("POOLFORM_POLL_INTERVAL", "50ms");
    ws.write("main.pool", CONFIG);
  }

  @Test
  void beforeApplyNothingIsCurrent() {
    CliRun r = ws.expect(3, "status");
    assertThat(r.out())
        .contains("pool.web  local.dev  no group yet", "apply would: create")
        .contains("2 pools: 0 ok, 0 unhealthy, 2 not current.");
  }

  @Test
  void healthyAndCurrentThenDriftThenSick() throws Exception {
    ws.expect(0, "apply", "--auto-approve");
    ws.awaitHealthy("default", "web", 3, Duration.ofSeconds(10));

    CliRun ok = ws.expect(0, "status");
    assertThat(ok.out())
        .contains(
            "pool.web  local.dev  group ",
            "machines: 3 desired, 3 in the group, 3 ready, 0 booting, 0 unhealthy;"
                + " 3 on the current spec, 0 older",
            "pool.batch  local.dev",
            "machines: 1 desired, 1 in the group\n",
            "2 pools: 2 ok, 0 unhealthy, 0 not current.");

    ws.expect(0, "local", "scale", "batch", "2");
    CliRun drift = ws.expect(3, "status", "pool.batch");
    assertThat(drift.out())
        .contains("drift:    capacity.desired changed outside Poolform", "apply would: scale")
        .doesNotContain("pool.web");
    assertThat(ws.expect(0, "status", "pool.web").out()).contains("1 pool: 1 ok");

    String sick = ws.cloud("default").group("web").orElseThrow().machines().get(0).id();
    ws.expect(0, "local", "sick", "web", sick);
    CliRun unhealthy = ws.expect(4, "status", "--json");
    JsonNode j = new ObjectMapper().readTree(unhealthy.out());
    assertThat(j.path("healthy").asBoolean()).isFalse();
    JsonNode web = j.path("pools").get(1);
    assertThat(web.path("address").asText()).isEqualTo("pool.web");
    assertThat(web.path("machines").path("unhealthy").asInt()).isEqualTo(1);
    assertThat(web.path("machines").path("ready").asInt()).isEqualTo(2);
    assertThat(web.path("health").get(0).asText())
        .startsWith("machine " + sick + " is unhealthy since ")
        .endsWith("within its grace period");
    JsonNode batch = j.path("pools").get(0);
    assertThat(batch.path("machines").isNull()).isTrue();
    assertThat(batch.path("drift").size()).isEqualTo(1);
    assertThat(batch.path("current").asBoolean()).isFalse();
    assertThat(
            ws.cloud("default").group("web").orElseThrow().machines().stream()
                .filter(m -> m.status() == LocalMachine.Status.UNHEALTHY)
                .count())
        .as("status changes nothing")
        .isEqualTo(1);
  }

  @Test
  void unknownAddressIsAUsageError() {
    CliRun r = ws.expect(2, "status", "pool.nope");
    assertThat(r.err()).contains("pool.nope is neither in the configuration nor in the state.");
  }

  @Test
  void workAFailedApplyOwesIsShownAndIsNotCurrent() throws Exception {
    ws.write(
        "main.pool",
        """
        cloud local broken {
          boot_time = 100ms
          fail_rate = 1
        }

        pool "db" on broken {
          capacity { min = 1  max = 3  desired = 2 }
          machine  { size = "small"  image = "ubuntu-24.04" }
          rollout  { timeout = 3s }
        }
        """);
    ws.expect(1, "apply", "--auto-approve");
    CliRun r = ws.pool("status", "--json");
    assertThat(r.status()).as(r.out() + r.err()).isNotZero().isIn(3, 4);
    JsonNode db = new ObjectMapper().readTree(r.out()).path("pools").get(0);
    assertThat(db.path("current").asBoolean()).isFalse();
    assertThat(db.path("owed").size()).as(r.out()).isEqualTo(1);
    assertThat(db.path("owed").get(0).asText())
        .startsWith("the create started at ")
        .contains("did not finish: ")
        .contains("failed to boot")
        .endsWith("; apply resumes it");
    assertThat(ws.pool("status").out()).contains("owed:     the create started at ");
  }
}
