package dev.poolform.stdlib.value;

/** A byte size ({@code 512MiB}, {@code 2GB}), held in bytes. */
public record BytesValue(long bytes) implements Value {
  @Override
  public String typeName() {
    return "bytes";
  }

  /**
   * Canonical text: the largest binary unit (or decimal unit) that divides exactly, e.g. {@code
   * 64GiB}.
   */
  @Override
  public String toString() {
    return Literals.formatBytes(bytes);
  }
}
