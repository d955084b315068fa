package dev.poolform.stdlib.value;

/** A percentage ({@code 25%}); {@code value} is the number before the sign, so 25% is 25.0. */
public record PercentValue(double value) implements Value {
  @Override
  public String typeName() {
    return "percent";
  }

  /** {@code base * this}, rounded up: {@code 10 * 25% == 3}. */
  public long ofRoundedUp(long base) {
    return (long) Math.ceil(base * value / 100.0 - 1e-9);
  }

  /** {@code base * this}, rounded down. */
  public long ofRoundedDown(long base) {
    return (long) Math.floor(base * value / 100.0 + 1e-9);
  }

  @Override
  public String toString() {
    return Literals.formatPercent(value);
  }
}
