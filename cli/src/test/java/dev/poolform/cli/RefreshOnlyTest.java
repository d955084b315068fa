package dev.poolform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.ir.json.CanonicalJson;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 item 3: {@code plan/apply --refresh-only} record drift in the state and change nothing
 * in the clouds, end to end on the local cloud, in-process.
 */
class RefreshOnlyTest {
  @TempDir Path dir;

  static final String TWO =
      """
      cloud local dev {
        boot_time = 0s
      }

      pool "web" on dev {
        capacity { min = 0  max = 5  desired = 2 }
        machine  { size = "small"  image = "ubuntu-24.04"  zones = ["a"] }
      }
      """;

  CliRun pool(String... args) {
    CliRun r = CliRun.run(dir, RoughEdgesTest.ENV, "", args);
    assertThat(r.hasStackTrace()).as(r.out() + r.err()).isFalse();
    return r;
  }

  long appliedDesired() throws Exception {
    CliRun r = pool("state", "show", "pool.web");
    assertThat(r.status()).as(r.err()).isZero();
    return CanonicalJson.parse(r.out()).path("spec").path("capacity").path("desired").asLong();
  }

  @Test
  void driftIsRecordedInTheStateAndTheCloudIsLeftAlone() throws Exception {
    Files.writeString(dir.resolve("main.pool"), TWO);
    assertThat(pool("apply", "--auto-approve").status()).isZero();
    assertThat(pool("local", "scale", "web", "4").status()).isZero();

    CliRun plan = pool("plan", "--refresh-only");
    assertThat(plan.status()).as(plan.err()).isZero();
    assertThat(plan.out())
        .contains("Changed outside Poolform")
        .contains("capacity.desired")
        .contains("This is a refresh-only plan")
        .doesNotContain("will be scaled");
    assertThat(
            CanonicalJson.parse(pool("plan", "--json", "--refresh-only").out())
                .path("mode")
                .asText())
        .isEqualTo("refresh_only");

    CliRun apply = pool("apply", "--auto-approve", "--refresh-only");
    assertThat(apply.status()).as(apply.out() + apply.err()).isZero();
    assertThat(apply.out()).contains("Apply complete!");
    assertThat(appliedDesired()).isEqualTo(4);
    assertThat(pool("local", "list", "web").out()).contains("desired 4");

    // The way back to the configuration is now an ordinary change, no longer drift.
    CliRun next = pool("plan");
    assertThat(next.out())
        .doesNotContain("Changed outside Poolform")
        .contains("pool.web will be scaled")
        .contains("4 -> 2");
    assertThat(pool("plan", "--refresh-only").out())
        .contains("No changes. The state matches the clouds.");
  }

  @Test
  void aGroupDeletedOutsideLeavesTheStateAndIsThenCreatedAgain() throws Exception {
    Files.writeString(dir.resolve("main.pool"), TWO);
    assertThat(pool("apply", "--auto-approve").status()).isZero();
    CliRun deleted = pool("local", "delete", "web");
    assertThat(deleted.status()).as(deleted.err()).isZero();
    assertThat(deleted.out()).contains("Deleted group web");
    assertThat(pool("local", "delete", "web").status()).isEqualTo(2);

    CliRun plan = pool("plan", "--refresh-only");
    assertThat(plan.out()).contains("pool.web was changed outside Poolform");
    assertThat(pool("apply", "--auto-approve", "--refresh-only").status()).isZero();
    assertThat(pool("state", "list").out()).doesNotContain("pool.web");
    assertThat(pool("plan").out()).contains("pool.web will be created");
  }

  @Test
  void aSavedRefreshOnlyPlanIsAppliedAsMadeAndContradictionsAreUsageErrors() throws Exception {
    Files.writeString(dir.resolve("main.pool"), TWO);
    assertThat(pool("apply", "--auto-approve").status()).isZero();
    assertThat(pool("local", "scale", "web", "3").status()).isZero();
    assertThat(pool("plan", "--refresh-only", "--out", "r.plan").status()).isZero();
    CliRun apply = pool("apply", "r.plan");
    assertThat(apply.status()).as(apply.out() + apply.err()).isZero();
    assertThat(appliedDesired()).isEqualTo(3);

    CliRun both = pool("plan", "--refresh-only", "--destroy");
    assertThat(both.status()).isEqualTo(2);
    assertThat(both.err()).contains("--destroy and --refresh-only cannot be used together");
    CliRun forced = pool("apply", "--refresh-only", "--replace", "pool.web");
    assertThat(forced.status()).isEqualTo(2);
    assertThat(forced.err()).contains("--replace cannot be used with --refresh-only");
  }
}
