package dev.poolform.cli.view;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Progress on a terminal: finished pools scroll up as lines, running ones are a block of bars at
 * the bottom, redrawn in place (cursor up, clear line) whenever something moves.
 */
final class TerminalProgress implements Progress {
  private static final int BAR = 24;

  private final PrintWriter out;
  private final Paint paint;
  private final Clock clock;
  private final Map<String, Bar> bars = new LinkedHashMap<>();
  private int drawn;

  private record Bar(
      String action, Instant since, long done, long total, String unit, String detail) {}

  TerminalProgress(PrintWriter out, Paint paint, Clock clock) {
    this.out = out;
    this.paint = paint;
    this.clock = clock;
  }

  @Override
  public synchronized void started(String address, String action) {
    bars.put(address, new Bar(action, clock.instant(), 0, 0, "", "starting"));
    redraw(null);
  }

  @Override
  public synchronized void step(String address, long done, long total, String unit, String detail) {
    Bar b = bars.get(address);
    Instant since = b == null ? clock.instant() : b.since();
    String action = b == null ? "apply" : b.action();
    bars.put(address, new Bar(action, since, done, total, unit, detail));
    redraw(null);
  }

  @Override
  public synchronized void finished(
      String address, String action, Outcome outcome, String error, Duration took) {
    bars.remove(address);
    String mark =
        switch (outcome) {
          case COMPLETE -> paint.green("✓");
          case FAILED -> paint.red("✗");
          case INTERRUPTED -> paint.yellow("■");
        };
    String how =
        switch (outcome) {
          case COMPLETE -> " complete";
          case FAILED -> " failed";
          case INTERRUPTED -> " interrupted";
        };
    redraw(
        mark
            + " "
            + address
            + ": "
            + action
            + how
            + " after "
            + Progress.format(took)
            + (error.isEmpty() ? "" : ": " + error));
  }

  /** The bars' elapsed times move once a second even when nothing else does. */
  @Override
  public synchronized void tick() {
    if (!bars.isEmpty()) redraw(null);
  }

  @Override
  public synchronized void note(String message) {
    redraw(message);
  }

  @Override
  public synchronized void close() {
    redraw(null);
    out.flush();
  }

  /** Clears the bars, prints {@code line} above them if given, and draws them again. */
  private void redraw(String line) {
    StringBuilder sb = new StringBuilder();
    if (drawn > 0) sb.append("\u001b[").append(drawn).append('F'); // to the start of the first bar
    for (int i = 0; i < drawn; i++) sb.append("\u001b[2K\n");
    if (drawn > 0) sb.append("\u001b[").append(drawn).append('F');
    if (line != null) sb.append(line).append('\n');
    Instant now = clock.instant();
    for (Map.Entry<String, Bar> e : bars.entrySet())
      sb.append(render(e.getKey(), e.getValue(), now)).append('\n');
    drawn = bars.size();
    out.print(sb);
    out.flush();
  }

  private String render(String address, Bar b, Instant now) {
    int filled = b.total() <= 0 ? 0 : (int) Math.min(BAR, b.done() * BAR / b.total());
    String bar = paint.green("█".repeat(filled)) + paint.dim("░".repeat(BAR - filled));
    String count =
        b.total() <= 0
            ? ""
            : " " + b.done() + "/" + b.total() + (b.unit().isEmpty() ? "" : " " + b.unit());
    return "  "
        + address
        + " "
        + b.action()
        + " "
        + bar
        + count
        + "  "
        + Progress.format(Duration.between(b.since(), now))
        + (b.detail().isEmpty() ? "" : "  " + paint.dim(b.detail()));
  }
}
