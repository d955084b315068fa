package dev.poolform.stdlib.value;

import java.time.Duration;

/** A duration ({@code 500ms}, {@code 1h30m}), held in milliseconds. */
public record DurationValue(long millis) implements Value {
  public Duration toDuration() {
    return Duration.ofMillis(millis);
  }

  @Override
  public String typeName() {
    return "duration";
  }

  /**
   * Canonical text: largest units first, no zero parts, e.g. {@code 1h30m}, {@code 1500ms}, {@code
   * 0s}.
   */
  @Override
  public String toString() {
    return Literals.formatDuration(millis);
  }
}
