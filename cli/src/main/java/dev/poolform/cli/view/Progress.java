package dev.poolform.cli.view;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;

/**
 * Live progress of an apply, fed from the engine's threads. {@link #forTerminal} redraws one bar
 * per running rollout in place; {@link #lines} prints a timestamped line per change of state, for
 * logs and CI.
 */
public interface Progress extends AutoCloseable {
  /** A pool's change started ({@code action} as in the plan: create, rollout, ...). */
  void started(String address, String action);

  /**
   * A rollout or scale moved: {@code done} of {@code total} machines are on the new spec and
   * available; {@code detail} says what is happening ("surging 1", "retiring m-1a2b3c4d").
   */
  void step(String address, long done, long total, String detail);

  /** A pool's change ended; {@code error} is empty on success. */
  void finished(String address, String action, boolean ok, String error, Duration took);

  /** A plain message between progress lines (warnings, recovery notes). */
  void note(String message);

  @Override
  void close();

  static Progress forTerminal(PrintWriter out, Paint paint, Clock clock) {
    return new TerminalProgress(out, paint, clock);
  }

  static Progress lines(PrintWriter out, Clock clock) {
    return new LineProgress(out, clock);
  }

  /** Human durations for summaries: {@code 850ms}, {@code 12s}, {@code 1m5s}. */
  static String format(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) return ms + "ms";
    if (ms < 10_000) return String.format(java.util.Locale.ROOT, "%.1fs", ms / 1000.0);
    return dev.poolform.stdlib.value.Literals.formatDuration(ms / 1000 * 1000);
  }
}
