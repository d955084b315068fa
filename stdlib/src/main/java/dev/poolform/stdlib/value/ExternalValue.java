package dev.poolform.stdlib.value;

/**
 * {@code external}: another system (an autoscaler) owns this number. Only {@code capacity.desired}
 * accepts it.
 */
public enum ExternalValue implements Value {
  INSTANCE;

  @Override
  public String typeName() {
    return "external";
  }
}
