package dev.poolform.stdlib.value;

/** A 64-bit integer. */
public record IntValue(long value) implements Value {
  @Override
  public String typeName() {
    return "int";
  }
}
