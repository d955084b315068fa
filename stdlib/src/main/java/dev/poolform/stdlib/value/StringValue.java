package dev.poolform.stdlib.value;

import java.util.Objects;

/** A string. */
public record StringValue(String value) implements Value {
  public StringValue {
    Objects.requireNonNull(value, "value");
  }

  @Override
  public String typeName() {
    return "string";
  }

  @Override
  public long weight() {
    return 1L + value.length() / CHARS_PER_WEIGHT;
  }
}
