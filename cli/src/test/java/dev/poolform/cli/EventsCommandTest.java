package dev.poolform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pool events} that finds nothing says so on standard error (standard output stays empty for
 * scripts), naming the filter, so a mistyped address or a too short {@code --since} is not silence.
 */
class EventsCommandTest {
  @TempDir Path dir;

  CliRun pool(String... args) {
    CliRun r = CliRun.run(dir, TimestampsTest.ENV, "", args);
    assertThat(r.hasStackTrace()).as(r.out() + r.err()).isFalse();
    return r;
  }

  @Test
  void noEventsIsSaidWithTheFilterThatFoundNone() throws Exception {
    CliRun none = pool("events");
    assertThat(none.status()).isZero();
    assertThat(none.out()).isEmpty();
    assertThat(none.err()).contains("No events yet: no apply, destroy or watch has run here.");

    Files.writeString(
        dir.resolve("main.pool"),
        """
        cloud local dev { boot_time = 0s }

        pool "web" on dev {
          capacity { min = 1  max = 3  desired = 1 }
          machine  { size = "small"  image = "ubuntu-24.04" }
        }
        """);
    assertThat(pool("apply", "--auto-approve").status()).isZero();
    assertThat(pool("events").out()).contains("pool_finished pool.web");

    CliRun typo = pool("events", "pool.wbe");
    assertThat(typo.status()).isZero();
    assertThat(typo.out()).isEmpty();
    assertThat(typo.err()).contains("No events for pool.wbe.");

    CliRun later = pool("events", "--since", "2999-01-01T00:00:00Z");
    assertThat(later.out()).isEmpty();
    assertThat(later.err()).contains("No events since 2999-01-01T00:00:00Z.");
  }
}
