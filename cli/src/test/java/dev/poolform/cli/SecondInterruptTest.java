package dev.poolform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second Ctrl-C before any pool has started (the apply still reading a slow cloud) says that
 * nothing was changed, not that calls in flight are recorded: there are none.
 */
class SecondInterruptTest {
  @TempDir Path dir;

  @Test
  void aSecondInterruptBeforeAnyPoolStartedSpeaksOfNoCallsInFlight() throws Exception {
    Files.writeString(
        dir.resolve("main.pool"),
        """
        cloud local dev {
          boot_time   = 0s
          api_latency = 1s
        }

        pool "web" on dev {
          capacity { min = 1  max = 3  desired = 1 }
          machine  { size = "small"  image = "ubuntu-24.04" }
        }
        """);
    TriggeredInterrupts signals = new TriggeredInterrupts();
    Map<String, String> env =
        Map.of("NO_COLOR", "1", "POOLFORM_POLL_INTERVAL", "20ms", "HOME", "/nonexistent-home");
    CompletableFuture<CliRun> apply =
        CompletableFuture.supplyAsync(
            () -> CliRun.run(dir, env, "", signals, "apply", "--auto-approve"));
    // The apply arms its handler, then reads the cloud again (a second each call) before any pool
    // starts: both signals land in that read.
    int halted = -1;
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!apply.isDone() && halted < 0 && System.nanoTime() < end) {
      halted = signals.interruptTwice();
      Thread.onSpinWait();
    }
    assertThat(halted).isEqualTo(ExitCode.INTERRUPTED);
    CliRun r = apply.get(60, TimeUnit.SECONDS);
    String text = r.out() + r.err();
    assertThat(text)
        .contains("Second interrupt: stopping at once. No pool had started: nothing was changed")
        .doesNotContain("in flight");
  }
}
