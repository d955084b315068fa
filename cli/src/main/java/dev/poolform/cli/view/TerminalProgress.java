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

  /** Closed: the bars are gone for good; nothing draws again, notes print as plain lines. */
  private boolean closed;

  private record Bar(
      String action, Instant since, long done, long total, String unit, String detail) {}

  TerminalProgress(PrintWriter out, Paint paint, Clock clock) {
    this.out = out;
    this.paint = paint;
    this.clock = clock;
  }

  @Override
  public synchronized void started(String address, String action) {
    if (closed) return;
    bars.put(address, new Bar(action, clock.instant(), 0, 0, "", "starting"));
    redraw(null);
  }

  @Override
  public synchronized void step(String address, long done, long total, String unit, String detail) {
    if (closed) return;
    Bar b = bars.get(address);
    Instant since = b == null ? clock.instant() : b.since();
    String action = b == null ? "apply" : b.action();
    bars.put(address, new Bar(action, since, done, total, unit, detail));
    redraw(null);
  }

  @Override
  public synchronized void finished(
      String address, String action, Outcome outcome, String error, Duration took) {
    if (closed) return;
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
    if (!closed && !bars.isEmpty()) redraw(null);
  }

  @Override
  public synchronized void note(String message) {
    if (closed) {
      out.println(message);
      out.flush();
      return;
    }
    redraw(message);
  }

  /**
   * Clears the bars for good: the engine's threads (and the ticker) may still report until the
   * process halts, as after a second Ctrl-C, and a bar drawn under "stopping at once" would say the
   * apply goes on.
   */
  @Override
  public synchronized void close() {
    if (closed) return;
    closed = true;
    StringBuilder sb = new StringBuilder();
    clear(sb);
    drawn = 0;
    out.print(sb);
    out.flush();
  }

  /** Moves to the first bar and clears every bar drawn, leaving the cursor there. */
  private void clear(StringBuilder sb) {
    if (drawn == 0) return;
    sb.append("\u001b[").append(drawn).append('F'); // to the start of the first bar
    for (int i = 0; i < drawn; i++) sb.append("\u001b[2K\n");
    sb.append("\u001b[").append(drawn).append('F');
  }

  /** Clears the bars, prints {@code line} above them if given, and draws them again. */
  private void redraw(String line) {
    StringBuilder sb = new StringBuilder();
    clear(sb);
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
