package dev.poolform.ir;

import dev.poolform.stdlib.value.IntValue;
import dev.poolform.stdlib.value.Literals;
import dev.poolform.stdlib.value.PercentValue;
import dev.poolform.stdlib.value.Value;

/**
 * An absolute count or a percentage of desired capacity, like Kubernetes' IntOrString: {@code
 * max_surge}, {@code max_unavailable}, {@code max_unhealthy}.
 */
public record IntOrPercent(double value, boolean percent) {
  public static IntOrPercent count(long n) {
    return new IntOrPercent(n, false);
  }

  public static IntOrPercent percentOf(double p) {
    return new IntOrPercent(p, true);
  }

  /** The language value: an {@code int} or a {@code percent}. */
  public static IntOrPercent of(Value v) {
    if (v instanceof IntValue i) return count(i.value());
    if (v instanceof PercentValue p) return percentOf(p.value());
    throw new IllegalArgumentException("expected int or percent, found " + v.typeName());
  }

  /** Surge rounds up (as Kubernetes does for maxSurge). */
  public long resolveUp(long base) {
    return percent ? (long) Math.ceil(base * value / 100.0 - 1e-9) : (long) value;
  }

  /** Unavailable rounds down (as Kubernetes does for maxUnavailable). */
  public long resolveDown(long base) {
    return percent ? (long) Math.floor(base * value / 100.0 + 1e-9) : (long) value;
  }

  public boolean isZero() {
    return value == 0;
  }

  /** As written in the language: {@code 1} or {@code 25%}. */
  @Override
  public String toString() {
    return percent ? Literals.formatPercent(value) : Long.toString((long) value);
  }
}
