package dev.poolform.stdlib.value;

/** {@code null}: an attribute set to null counts as not set. */
public enum NullValue implements Value {
  INSTANCE;

  @Override
  public String typeName() {
    return "null";
  }
}
