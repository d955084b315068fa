package dev.poolform.runtime.engine;

import java.time.Duration;

/**
 * Durations in plan reasons and failures, spelled as the configuration writes them ({@code 5m}).
 */
final class Durations {
  private Durations() {}

  static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  static String text(Duration d) {
    return dev.poolform.stdlib.value.Literals.formatDuration(d.toMillis());
  }
}
