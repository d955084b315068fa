package dev.poolform.stdlib.value;

import java.math.BigDecimal;

/** Canonical text for literal kinds, shared by the formatter, messages and JSON output. */
public final class Literals {
  private Literals() {}

  private static final long[] DURATION_UNITS = {86_400_000L, 3_600_000L, 60_000L, 1000L, 1L};
  private static final String[] DURATION_NAMES = {"d", "h", "m", "s", "ms"};

  /** {@code 5400000 -> "1h30m"}, {@code 0 -> "0s"}, {@code 1500 -> "1s500ms"}. */
  public static String formatDuration(long millis) {
    if (millis == 0) return "0s";
    StringBuilder sb = new StringBuilder();
    long rest = millis;
    if (rest < 0) {
      sb.append('-');
      rest = -rest;
    }
    for (int i = 0; i < DURATION_UNITS.length; i++) {
      long n = rest / DURATION_UNITS[i];
      if (n > 0) {
        sb.append(n).append(DURATION_NAMES[i]);
        rest -= n * DURATION_UNITS[i];
      }
    }
    return sb.toString();
  }

  private static final String[] BIN = {"TiB", "GiB", "MiB", "KiB"};
  private static final String[] DEC = {"TB", "GB", "MB", "KB"};

  /** The largest unit that divides exactly, binary before decimal: {@code 64GiB}, {@code 2GB}, {@code 17B}. */
  public static String formatBytes(long bytes) {
    if (bytes == 0) return "0B";
    for (int i = 0; i < BIN.length; i++) {
      long unit = 1L << (10 * (BIN.length - i));
      if (bytes % unit == 0) return (bytes / unit) + BIN[i];
    }
    for (int i = 0; i < DEC.length; i++) {
      long unit = (long) Math.pow(1000, DEC.length - i);
      if (bytes % unit == 0) return (bytes / unit) + DEC[i];
    }
    return bytes + "B";
  }

  /** Shortest exact decimal text: {@code 25.0 -> "25"}, {@code 0.05 -> "0.05"}. */
  public static String formatNumber(double d) {
    if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }
}
