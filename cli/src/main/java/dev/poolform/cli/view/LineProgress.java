package dev.poolform.cli.view;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Progress as plain lines with a UTC timestamp, for logs and CI: a line when a pool starts, moves
 * or ends (repeats of the same step are not printed), and for a pool silent for {@link
 * Progress#QUIET} a line saying it is still at work: {@code pool.web: still creating, 1/3 ready
 * [30s elapsed]}.
 */
final class LineProgress implements Progress {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

  private final PrintWriter out;
  private final Clock clock;
  private final Map<String, Running> running = new LinkedHashMap<>();

  /** A pool at work: what it does, since when, its last step and when it last said anything. */
  private static final class Running {
    final String action;
    final Instant since;
    String step = "";
    String lastText = "";
    Instant lastLine;

    Running(String action, Instant since) {
      this.action = action;
      this.since = since;
      this.lastLine = since;
    }
  }

  LineProgress(PrintWriter out, Clock clock) {
    this.out = out;
    this.clock = clock;
  }

  private void line(String text) {
    out.println("[" + TIME.format(clock.instant()) + "] " + text);
    out.flush();
  }

  @Override
  public synchronized void started(String address, String action) {
    running.put(address, new Running(action, clock.instant()));
    line(address + ": " + action + " started");
  }

  @Override
  public synchronized void step(String address, long done, long total, String unit, String detail) {
    Running r = running.computeIfAbsent(address, a -> new Running("apply", clock.instant()));
    r.step = done + "/" + total + " " + unit;
    String text = address + ": " + r.step + (detail.isEmpty() ? "" : ", " + detail);
    if (text.equals(r.lastText)) return;
    r.lastText = text;
    r.lastLine = clock.instant();
    line(text);
  }

  @Override
  public synchronized void finished(
      String address, String action, Outcome outcome, String error, Duration took) {
    running.remove(address);
    String how =
        switch (outcome) {
          case COMPLETE -> " complete after ";
          case FAILED -> " FAILED after ";
          case INTERRUPTED -> " interrupted after ";
        };
    line(
        address
            + ": "
            + action
            + how
            + Progress.format(took)
            + (error.isEmpty() ? "" : ": " + error));
  }

  @Override
  public synchronized void note(String message) {
    line(message);
  }

  @Override
  public synchronized void tick() {
    Instant now = clock.instant();
    for (Map.Entry<String, Running> e : running.entrySet()) {
      Running r = e.getValue();
      if (Duration.between(r.lastLine, now).compareTo(QUIET) < 0) continue;
      r.lastLine = now;
      line(
          e.getKey()
              + ": still "
              + Progress.ongoing(r.action)
              + (r.step.isEmpty() ? "" : ", " + r.step)
              + " ["
              + Progress.format(Duration.between(r.since, now))
              + " elapsed]");
    }
  }

  @Override
  public void close() {
    out.flush();
  }
}
