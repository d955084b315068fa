package dev.poolform.runtime.local;

import dev.poolform.stdlib.value.MapValue;
import java.time.Duration;

/**
 * The settings of a {@code cloud local NAME { ... }} block.
 *
 * @param bootTime how long a machine takes from launch to healthy (half of it pending, half
 *     running); default 2s so demos take seconds
 * @param failRate probability in [0, 1] that a launched machine fails to boot
 * @param seed makes machine ids and boot failures reproducible
 */
public record LocalSettings(Duration bootTime, double failRate, long seed) {
  public static final LocalSettings DEFAULT = new LocalSettings(Duration.ofSeconds(2), 0.0, 0);

  public LocalSettings {
    if (bootTime.isNegative()) throw new IllegalArgumentException("boot_time must not be negative");
    if (!(failRate >= 0 && failRate <= 1)) {
      throw new IllegalArgumentException("fail_rate must be between 0 and 1");
    }
  }

  /** Reads the evaluated cloud block; absent settings take the defaults. */
  public static LocalSettings from(MapValue settings) {
    return new LocalSettings(
        settings.durationMillis("boot_time").map(Duration::ofMillis).orElse(DEFAULT.bootTime),
        settings.number("fail_rate").orElse(DEFAULT.failRate),
        settings.integer("seed").orElse(DEFAULT.seed));
  }

  /**
   * How long a failed machine stays visible as {@code FAILED} before the group removes it and
   * launches a replacement: a quarter of the boot time, at least 50ms, at most 1s. Never zero, so a
   * group whose machines always fail cannot spin in one instant.
   */
  public Duration replaceDelay() {
    long ms = Math.max(50, Math.min(1000, bootTime.toMillis() / 4));
    return Duration.ofMillis(ms);
  }
}
