package dev.poolform.stdlib.value;

/**
 * A declared cloud ({@code cloud aws prod { ... }}), of type {@code cloud<KIND>}: fields {@code
 * name}, {@code kind} and its evaluated settings.
 */
public record CloudValue(String kind, String name, MapValue settings) implements Value {
  @Override
  public String typeName() {
    return "cloud<" + kind + ">";
  }
}
