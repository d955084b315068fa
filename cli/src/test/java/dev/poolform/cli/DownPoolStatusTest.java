package dev.poolform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poolform.ir.json.CanonicalJson;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pool status} of a pool an apply failed to bring up: none of its machines boot, and the
 * cloud keeps replacing them, so at a given moment they may all read "booting" rather than
 * "failed". The pool is down all the same: status must not call it healthy (exit 3) but unhealthy
 * (exit 4), saying how many machines are ready against its {@code min}.
 */
class DownPoolStatusTest {
  @TempDir Path dir;

  CliRun pool(String... args) {
    CliRun r = CliRun.run(dir, DeletedGroupStatusTest.ENV, "", args);
    assertThat(r.hasStackTrace()).as(r.out() + r.err()).isFalse();
    return r;
  }

  @Test
  void aPoolLeftBelowItsMinByAFailedApplyIsUnhealthy() throws Exception {
    Files.writeString(
        dir.resolve("main.pool"),
        """
        cloud local dev {
          boot_time = 1h
        }

        pool "web" on dev {
          capacity { min = 2  max = 3  desired = 2 }
          machine  { size = "small"  image = "ubuntu-24.04" }
          rollout  { timeout = 1s }
        }
        """);
    CliRun apply = pool("apply", "--auto-approve");
    assertThat(apply.status()).as(apply.err()).isEqualTo(1);

    // Its two machines are still booting (for an hour): none is failed or unhealthy.
    CliRun status = pool("status");
    assertThat(status.out()).contains("0 ready, 2 booting, 0 unhealthy");
    assertThat(status.status()).as(status.out()).isEqualTo(4);
    assertThat(status.out())
        .contains("0 of its machines ready, below its min of 2, after the create failed")
        .contains("1 pool: 0 ok, 1 unhealthy");
    JsonNode json = CanonicalJson.parse(pool("status", "--json").out()).path("pools").get(0);
    assertThat(json.path("healthy").asBoolean()).isFalse();
  }
}
