package dev.poolform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poolform.ir.json.CanonicalJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pool status} of a pool whose group was deleted outside Poolform: the state knows it was
 * created, so status says it is missing and that apply creates it again, not "no group yet".
 */
class DeletedGroupStatusTest {
  @TempDir Path dir;

  static final Map<String, String> ENV =
      Map.of("NO_COLOR", "1", "POOLFORM_POLL_INTERVAL", "20ms", "HOME", "/nonexistent-home");

  CliRun pool(String... args) {
    CliRun r = CliRun.run(dir, ENV, "", args);
    assertThat(r.hasStackTrace()).as(r.out() + r.err()).isFalse();
    return r;
  }

  @Test
  void aGroupDeletedOutsidePoolformIsShownMissingNotNotYetCreated() throws Exception {
    Files.writeString(
        dir.resolve("main.pool"),
        """
        cloud local dev {
          boot_time = 0s
        }

        pool "web" on dev {
          capacity { min = 1  max = 3  desired = 2 }
          machine  { size = "small"  image = "ubuntu-24.04" }
        }
        """);
    CliRun fresh = pool("status");
    assertThat(fresh.out()).contains("pool.web  local.dev  no group yet");

    assertThat(pool("apply", "--auto-approve").status()).isZero();
    assertThat(pool("local", "delete", "web").status()).isZero();

    CliRun status = pool("status");
    assertThat(status.out())
        .as(status.out())
        .doesNotContain("no group yet")
        .contains(
            "pool.web  local.dev  group web missing (deleted outside Poolform; apply creates it"
                + " again)")
        .contains("drift:    group web deleted outside Poolform")
        .contains("apply would: create");

    JsonNode json = CanonicalJson.parse(pool("status", "--json").out()).path("pools").get(0);
    assertThat(json.path("group").isNull()).isTrue();
    assertThat(json.path("missing_group").asText()).isEqualTo("web");
  }
}
