package dev.poolform.runtime.engine;

import java.time.Duration;

/**
 * Durations in plan reasons and failures, spelled as the configuration writes them ({@code 5m}).
 */
final class Durations {
  private Durations() {}

  static String text(Duration d) {
    return dev.poolform.stdlib.value.Literals.formatDuration(d.toMillis());
  }
}
