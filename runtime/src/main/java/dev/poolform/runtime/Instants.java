package dev.poolform.runtime;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Instants as people read them, the one place that says how: ISO-8601 in UTC, to the second ({@code
 * 2026-05-01T10:00:00Z}). Messages, plan reasons, {@code status}, {@code watch}, {@code events} and
 * lock messages all print times through {@link #text}; the state, the event log's JSON and plan
 * files keep the full precision.
 */
public final class Instants {
  private Instants() {}

  public static String text(Instant t) {
    return t.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
