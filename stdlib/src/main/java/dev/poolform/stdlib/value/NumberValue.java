package dev.poolform.stdlib.value;

/** A floating-point number ({@code 0.05}, {@code 1e3}); {@code int} widens to it. */
public record NumberValue(double value) implements Value {
  @Override
  public String typeName() {
    return "number";
  }
}
