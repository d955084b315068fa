package dev.poolform.capi.yaml;

/**
 * Input that is not acceptable YAML (malformed, too large, too deep, too many aliases, custom
 * tags). The message is one sentence for the user, with a line number where one is known; it is
 * shown without a stack trace.
 */
public final class YamlInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public YamlInputException(String message) {
    super(message, null, false, false);
  }
}
