package dev.poolform.cli.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.cli.view.Progress;
import dev.poolform.runtime.event.ApplyEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Events as the progress lines show them. */
class ProgressListenerTest {
  static final Instant T = Instant.parse("2026-01-01T10:00:05Z");

  private static String lines(ApplyEvent... events) {
    StringWriter sw = new StringWriter();
    try (Progress p = Progress.lines(new PrintWriter(sw), Clock.fixed(T, ZoneOffset.UTC))) {
      ProgressListener l = new ProgressListener(p);
      for (ApplyEvent e : events) l.on(e);
    }
    return sw.toString();
  }

  /**
   * A rollout the cloud drives (engine = "cloud") reports only a percent. It read "0/8 updated, 0
   * available", as if the pool had no machine serving, while every machine served.
   */
  @Test
  void aCloudRolloutShowsTheCloudsPercentNotZeroMachinesAvailable() {
    String text =
        lines(
            new ApplyEvent.RolloutProgress(T, "pool.w", 0, 0, 0, 8, 40, true),
            new ApplyEvent.RolloutProgress(T, "pool.x", 2, 6, 7, 8, 25));
    assertThat(text)
        .contains("pool.w: 40/100 percent rolled out by the cloud\n")
        .doesNotContain("0 available")
        .contains("pool.x: 2/8 updated, 6 old, 7 available\n");
  }
}
