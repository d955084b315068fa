package dev.poolform.runtime.engine;

import java.time.Duration;

/**
 * Durations in plan reasons and failures, spelled as the configuration writes them ({@code 5m});
 * instants to the second, as people read them (the state keeps the full precision).
 */
final class Durations {
  private Durations() {}

  static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  static String text(Duration d) {
    return dev.poolform.stdlib.value.Literals.formatDuration(d.toMillis());
  }

  static String at(java.time.Instant t) {
    return dev.poolform.runtime.Instants.text(t);
  }
}
