package dev.poolform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.runtime.local.LocalCloud;
import dev.poolform.runtime.local.LocalCloudProvider;
import dev.poolform.runtime.state.StateLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every time the CLI prints for people reads to the second, in ISO-8601 UTC: {@code status}, {@code
 * events}, the lock message (the new-user walk found nanoseconds in each).
 */
class TimestampsTest {
  @TempDir Path dir;

  static final Map<String, String> ENV =
      Map.of("NO_COLOR", "1", "POOLFORM_POLL_INTERVAL", "20ms", "HOME", "/nonexistent-home");

  /** An instant as the CLI prints it, or with a fraction of a second (which it must not). */
  static final Pattern TIME =
      Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");

  CliRun pool(String... args) {
    CliRun r = CliRun.run(dir, ENV, "", args);
    assertThat(r.hasStackTrace()).as(r.out() + r.err()).isFalse();
    return r;
  }

  /** The times in {@code text}: at least one, none with a fraction of a second. */
  static void toTheSecond(String text) {
    Matcher m = TIME.matcher(text);
    int found = 0;
    while (m.find()) {
      found++;
      assertThat(m.group(1)).as(m.group() + " in:\n" + text).isNull();
    }
    assertThat(found).as(text).isPositive();
  }

  @Test
  void statusEventsAndTheLockMessageShowSeconds() throws Exception {
    Files.writeString(
        dir.resolve("main.pool"),
        """
        cloud local dev {
          boot_time = 0s
        }

        pool "web" on dev {
          capacity { min = 1  max = 3  desired = 2 }
          machine  { size = "small"  image = "ubuntu-24.04" }
          health   { grace = 1h  max_unhealthy = 1  repair = "replace" }
        }
        """);
    assertThat(pool("apply", "--auto-approve").status()).isZero();

    CliRun events = pool("events");
    assertThat(events.status()).isZero();
    for (String line : events.out().strip().lines().toList()) {
      assertThat(line).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ apply .*");
    }

    String sick =
        new LocalCloud(dir, LocalCloudProvider.DEFAULT_REGION, Clock.systemUTC(), Optional.empty())
            .group("web")
            .orElseThrow()
            .machines()
            .get(0)
            .id();
    assertThat(pool("local", "sick", "web", sick).status()).isZero();
    CliRun status = pool("status");
    assertThat(status.out()).contains("is unhealthy since ");
    toTheSecond(status.out());
    toTheSecond(pool("status", "--json").out().replaceAll("\"time\": *\"[^\"]*\"", ""));

    StateLock lock = new StateLock(dir.resolve("pool.state.json"), Clock.systemUTC());
    try (StateLock.Held held = lock.acquire("apply")) {
      CliRun refused = pool("apply", "--auto-approve");
      assertThat(refused.err()).contains("since ");
      toTheSecond(refused.err());
    }
  }
}
