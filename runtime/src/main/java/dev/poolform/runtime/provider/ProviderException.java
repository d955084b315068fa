package dev.poolform.runtime.provider;

import java.util.Optional;

/**
 * A cloud call failed after the provider's own retries. Not a bug: the CLI shows it as a located
 * error, pointing at {@code attribute} in the source when the cloud's error names one.
 *
 * @see ProviderException.Kind
 */
public final class ProviderException extends Exception {
  /** What went wrong, so the engine knows whether to retry later or give up on the pool. */
  public enum Kind {
    /** Credentials or required settings missing or refused: nothing was called. */
    CONFIGURATION,
    /** The cloud rejected a value (maps to {@code attribute}). */
    INVALID_VALUE,
    /** The resource is not there. */
    NOT_FOUND,
    /** Another operation is in progress, or a conflict that retrying later may clear. */
    CONFLICT,
    /** Throttling or 5xx beyond the retry deadline. */
    TRANSIENT,
    /** Anything else. */
    OTHER
  }

  private final Kind kind;
  private final String cloudCode;
  private final String attribute;

  public ProviderException(
      Kind kind, String cloudCode, String attribute, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.cloudCode = cloudCode;
    this.attribute = attribute;
  }

  public ProviderException(Kind kind, String message) {
    this(kind, null, null, message, null);
  }

  public Kind kind() {
    return kind;
  }

  /** The cloud's error code ({@code ValidationError}, {@code OperationNotAllowed}), if any. */
  public Optional<String> cloudCode() {
    return Optional.ofNullable(cloudCode);
  }

  /** The pool attribute path the error is about ({@code machine.image}), if known. */
  public Optional<String> attribute() {
    return Optional.ofNullable(attribute);
  }
}
