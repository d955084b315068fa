package dev.poolform.cli.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.testing.fixtures.ManualClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The two progress views: lines for logs and CI, bars for a terminal (issue 10 item 9). */
class ProgressTest {
  @Test
  void lineProgressIsTimestampedAndDeduplicated() {
    StringWriter sw = new StringWriter();
    Clock clock = Clock.fixed(Instant.parse("2026-01-01T10:00:05Z"), ZoneOffset.UTC);
    try (Progress p = Progress.lines(new PrintWriter(sw), clock)) {
      p.started("pool.web", "rollout");
      p.step("pool.web", 1, 3, "updated", "surging 1");
      p.step("pool.web", 1, 3, "updated", "surging 1");
      p.finished("pool.web", "rollout", Progress.Outcome.COMPLETE, "", Duration.ofSeconds(21));
    }
    assertThat(sw.toString())
        .isEqualTo(
            "[10:00:05] pool.web: rollout started\n"
                + "[10:00:05] pool.web: 1/3 updated, surging 1\n"
                + "[10:00:05] pool.web: rollout complete after 21s\n");
  }

  /** Without a terminal, a pool at work says so at least every 10 s, however long its step. */
  @Test
  void aQuietPoolSaysItIsStillAtWorkEveryTenSeconds() {
    StringWriter sw = new StringWriter();
    ManualClock clock = new ManualClock(Instant.parse("2026-01-01T10:00:05Z"));
    try (Progress p = Progress.lines(new PrintWriter(sw), clock)) {
      p.started("pool.web", "create");
      p.started("pool.db", "delete");
      p.step("pool.web", 1, 3, "ready", "2 booting");
      for (int s = 0; s < 30; s++) {
        clock.advance(Duration.ofSeconds(1));
        p.tick();
      }
      p.finished("pool.web", "create", Progress.Outcome.COMPLETE, "", Duration.ofSeconds(30));
    }
    String out = sw.toString();
    assertThat(out)
        .contains("[10:00:15] pool.web: still creating, 1/3 ready [10s elapsed]\n")
        .contains("[10:00:25] pool.web: still creating, 1/3 ready [20s elapsed]\n")
        .contains("[10:00:35] pool.web: still creating, 1/3 ready [30s elapsed]\n")
        .contains("[10:00:15] pool.db: still deleting [10s elapsed]\n")
        .contains("[10:00:35] pool.db: still deleting [30s elapsed]\n");
    assertThat(out.lines().filter(l -> l.contains("pool.web: still"))).hasSize(3);
  }

  @Test
  void aStepThatMovesResetsTheQuietClock() {
    StringWriter sw = new StringWriter();
    ManualClock clock = new ManualClock(Instant.parse("2026-01-01T10:00:05Z"));
    try (Progress p = Progress.lines(new PrintWriter(sw), clock)) {
      p.started("pool.web", "scale");
      for (int s = 1; s <= 25; s++) {
        clock.advance(Duration.ofSeconds(1));
        if (s % 8 == 0) p.step("pool.web", s / 8, 3, "ready", "");
        p.tick();
      }
    }
    assertThat(sw.toString()).doesNotContain("still");
  }

  @Test
  void interruptedPoolsSaySo() {
    StringWriter sw = new StringWriter();
    Clock clock = Clock.fixed(Instant.parse("2026-01-01T10:00:05Z"), ZoneOffset.UTC);
    try (Progress p = Progress.lines(new PrintWriter(sw), clock)) {
      p.started("pool.web", "create");
      p.finished("pool.web", "create", Progress.Outcome.INTERRUPTED, "", Duration.ofSeconds(4));
    }
    assertThat(sw.toString()).contains("pool.web: create interrupted after 4.0s");
  }

  @Test
  void terminalProgressRedrawsBarsInPlace() {
    StringWriter sw = new StringWriter();
    Clock clock = Clock.fixed(Instant.parse("2026-01-01T10:00:05Z"), ZoneOffset.UTC);
    try (Progress p = Progress.forTerminal(new PrintWriter(sw), Paint.OFF, clock)) {
      p.started("pool.web", "rollout");
      p.step("pool.web", 2, 4, "updated", "");
      p.finished("pool.web", "rollout", Progress.Outcome.COMPLETE, "", Duration.ofSeconds(3));
    }
    String s = sw.toString();
    assertThat(s).contains("pool.web rollout ████████████░░░░░░░░░░░░ 2/4 updated");
    assertThat(s).contains("\u001b[1F\u001b[2K");
    assertThat(s).contains("✓ pool.web: rollout complete after 3.0s");
  }

  /**
   * A second Ctrl-C closes the view, then says it stops at once: the bars are cleared, and what the
   * engine's threads and the ticker still report before the halt draws nothing after the message.
   */
  @Test
  void aClosedTerminalViewNeverDrawsAgainAndPrintsNotesPlainly() {
    StringWriter sw = new StringWriter();
    ManualClock clock = new ManualClock(Instant.parse("2026-01-01T10:00:05Z"));
    Progress p = Progress.forTerminal(new PrintWriter(sw), Paint.OFF, clock);
    p.started("pool.web", "create");
    p.step("pool.web", 1, 3, "ready", "");
    p.close();
    String closed = sw.toString();
    assertThat(closed).endsWith("\u001b[1F\u001b[2K\n\u001b[1F");
    p.note("Second interrupt: stopping at once.");
    clock.advance(Duration.ofSeconds(1));
    p.tick();
    p.step("pool.web", 2, 3, "ready", "");
    p.finished("pool.web", "create", Progress.Outcome.INTERRUPTED, "", Duration.ofSeconds(1));
    p.close();
    assertThat(sw.toString().substring(closed.length()))
        .isEqualTo("Second interrupt: stopping at once.\n");
  }

  /** On a terminal the elapsed time of every running pool ticks, even when nothing moves. */
  @Test
  void terminalBarsTickWhileNothingMoves() {
    StringWriter sw = new StringWriter();
    ManualClock clock = new ManualClock(Instant.parse("2026-01-01T10:00:05Z"));
    try (Progress p = Progress.forTerminal(new PrintWriter(sw), Paint.OFF, clock)) {
      p.started("pool.web", "create");
      p.step("pool.web", 1, 3, "ready", "");
      for (int s = 0; s < 12; s++) {
        clock.advance(Duration.ofSeconds(1));
        p.tick();
      }
    }
    String s = sw.toString();
    assertThat(s).contains("pool.web create ████████░░░░░░░░░░░░░░░░ 1/3 ready  5.0s");
    assertThat(s).contains("1/3 ready  12s");
  }

  @Test
  void theTickerTicksOnItsOwn() throws Exception {
    AtomicInteger ticks = new AtomicInteger();
    Progress counting =
        new Progress() {
          @Override
          public void started(String address, String action) {}

          @Override
          public void step(String address, long done, long total, String unit, String detail) {}

          @Override
          public void finished(
              String address, String action, Outcome outcome, String error, Duration took) {}

          @Override
          public void note(String message) {}

          @Override
          public void tick() {
            ticks.incrementAndGet();
          }

          @Override
          public void close() {}
        };
    try (Progress p = Progress.ticking(counting, Duration.ofMillis(20))) {
      Thread.sleep(300);
    }
    int after = ticks.get();
    assertThat(after).isGreaterThan(3);
    Thread.sleep(100);
    assertThat(ticks.get()).as("stopped when closed").isEqualTo(after);
  }
}
