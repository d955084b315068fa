package dev.poolform.compiler.diag;

/** How bad a diagnostic is. Errors stop a configuration from being used; warnings do not. */
public enum Severity {
  ERROR,
  WARNING;

  /** As the JSON form and the text renderer spell it. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
