package dev.poolform.stdlib.value;

/** A percentage ({@code 25%}); {@code value} is the number before the sign, so 25% is 25.0. */
public record PercentValue(double value) implements Value {
  @Override
  public String typeName() {
    return "percent";
  }

  @Override
  public String toString() {
    return Literals.formatPercent(value);
  }
}
