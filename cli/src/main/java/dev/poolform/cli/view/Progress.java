package dev.poolform.cli.view;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * Live progress of an apply, fed from the engine's threads. {@link #forTerminal} redraws one bar
 * per running pool in place, its elapsed time ticking; {@link #lines} prints a timestamped line per
 * change of state and, for logs and CI, a "still ..." line for every pool that has been silent for
 * {@link #QUIET} (so a long create is never a silent one). {@link #ticking} drives both clocks.
 */
public interface Progress extends AutoCloseable {
  /** Without a terminal, a running pool says something at least this often. */
  Duration QUIET = Duration.ofSeconds(10);

  /** How a pool's change ended. */
  enum Outcome {
    COMPLETE,
    FAILED,
    /** The apply was interrupted: the pool finished its current step and stopped. */
    INTERRUPTED
  }

  /** A pool's change started ({@code action} as in the plan: create, rollout, ...). */
  void started(String address, String action);

  /**
   * A step that waits for machines moved: {@code done} of {@code total} are {@code unit} ({@code
   * ready} for a create, scale, repair or resume; {@code updated} for a rollout); {@code detail}
   * says more ("1 booting", "2 old, 3 available").
   */
  void step(String address, long done, long total, String unit, String detail);

  /** A pool's change ended; {@code error} is empty unless it failed. */
  void finished(String address, String action, Outcome outcome, String error, Duration took);

  /** A plain message between progress lines (warnings, recovery notes, an interrupt). */
  void note(String message);

  /** Called about once a second ({@link #ticking}): elapsed times move, quiet pools speak. */
  void tick();

  @Override
  void close();

  static Progress forTerminal(PrintWriter out, Paint paint, Clock clock) {
    return new TerminalProgress(out, paint, clock);
  }

  static Progress lines(PrintWriter out, Clock clock) {
    return new LineProgress(out, clock);
  }

  /** {@code view}, ticked every {@code period} by a daemon thread until it is closed. */
  static Progress ticking(Progress view, Duration period) {
    return new TickingProgress(view, period);
  }

  /** Human durations for summaries: {@code 850ms}, {@code 3.2s}, {@code 12s}, {@code 1m5s}. */
  static String format(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) return ms + "ms";
    if (ms < 10_000) return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
    return dev.poolform.stdlib.value.Literals.formatDuration(ms / 1000 * 1000);
  }

  /**
   * An action as a running step: {@code create} is {@code creating}, {@code rollout} is {@code
   * rolling out}.
   */
  static String ongoing(String action) {
    return switch (action) {
      case "create" -> "creating";
      case "scale" -> "scaling";
      case "rollout" -> "rolling out";
      case "update" -> "updating";
      case "resume" -> "resuming";
      case "replace" -> "replacing";
      case "repair" -> "repairing";
      case "delete" -> "deleting";
      default -> "working on " + action;
    };
  }
}
