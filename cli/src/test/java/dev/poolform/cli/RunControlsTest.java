package dev.poolform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.ir.json.CanonicalJson;
import dev.poolform.runtime.state.StateLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 12 item 4: --no-color, colour per stream, plan --json format_version, --lock-timeout. */
class RunControlsTest {
  @TempDir Path dir;

  static final Map<String, String> ENV =
      Map.of("POOLFORM_POLL_INTERVAL", "20ms", "HOME", "/nonexistent-home");

  static final String CONFIG = RoughEdgesTest.ONE;

  /** {@code pool ARGS} with colour allowed on stdout and stderr separately. */
  CliRun run(boolean outColour, boolean errColour, String... args) {
    return CliRun.coloured(dir, ENV, "", outColour, errColour, args);
  }

  @Test
  void diagnosticsAreColouredByStderrsTerminalAndNoColorTurnsAllOff() throws Exception {
    Files.writeString(dir.resolve("main.pool"), "pool \"web\" on nowhere {}\n");
    CliRun errOnly = run(false, true, "validate");
    assertThat(errOnly.status()).isEqualTo(1);
    assertThat(errOnly.err()).contains("\u001b[");

    CliRun outOnly = run(true, false, "validate");
    assertThat(outOnly.err()).isNotEmpty().doesNotContain("\u001b[");

    CliRun none = run(true, true, "validate", "--no-color");
    assertThat(none.status()).isEqualTo(1);
    assertThat(none.err()).startsWith("error[").doesNotContain("\u001b[");

    Files.writeString(dir.resolve("main.pool"), CONFIG);
    assertThat(run(true, true, "plan").out()).contains("\u001b[");
    assertThat(run(true, true, "--no-color", "plan").out()).doesNotContain("\u001b[");
    CliRun after = run(true, true, "plan", "--no-color");
    assertThat(after.status()).as(after.err()).isZero();
    assertThat(after.out()).contains("Plan:").doesNotContain("\u001b[");
  }

  @Test
  void planJsonCarriesItsFormatVersion() throws Exception {
    Files.writeString(dir.resolve("main.pool"), CONFIG);
    CliRun r = run(false, false, "plan", "--json");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(CanonicalJson.parse(r.out()).path("format_version").asInt()).isEqualTo(2);
  }

  @Test
  void lockTimeoutWaitsForAnotherRunsLock() throws Exception {
    Files.writeString(dir.resolve("main.pool"), CONFIG);
    StateLock lock = new StateLock(dir.resolve("pool.state.json"), Clock.systemUTC());
    try (StateLock.Held held = lock.acquire("apply")) {
      CliRun refused = run(false, false, "apply", "--auto-approve");
      assertThat(refused.status()).isEqualTo(2);
      // The holder (this JVM) is alive: wait for it; force-unlock would let two applies run.
      assertThat(refused.err())
          .contains("still running on this host: wait for it to finish")
          .doesNotContain("pool force-unlock", held.info().id());
      CliRun timedOut = run(false, false, "apply", "--auto-approve", "--lock-timeout", "300ms");
      assertThat(timedOut.status()).isEqualTo(2);
      assertThat(timedOut.err()).contains("Waiting up to 300ms");
    }
    StateLock.Held again = lock.acquire("apply");
    Thread releaser =
        new Thread(
            () -> {
              try {
                Thread.sleep(400);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              again.close();
            });
    releaser.start();
    CliRun waited = run(false, false, "apply", "--auto-approve", "--lock-timeout", "30s");
    releaser.join();
    assertThat(waited.status()).as(waited.err()).isZero();
    assertThat(waited.err()).contains("Waiting up to 30s");
    assertThat(run(false, false, "apply", "--lock-timeout", "soon").status()).isEqualTo(2);
  }
}
