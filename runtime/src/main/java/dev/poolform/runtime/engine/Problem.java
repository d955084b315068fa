package dev.poolform.runtime.engine;

import dev.poolform.runtime.provider.ProviderException;
import java.util.Optional;

/**
 * Something that went wrong for a user to read: which pool (if one), a message, and what the cloud
 * said (its error code, the attribute path the CLI points back at in the source).
 *
 * @param cloud the cloud ({@code kind.name}) a problem about no pool in particular is about (a
 *     credential, an endpoint that does not answer); the CLI points at its {@code cloud} block, at
 *     {@code attribute} there when it names one of its settings
 */
public record Problem(
    Optional<String> address,
    String message,
    Optional<ProviderException.Kind> kind,
    Optional<String> cloudCode,
    Optional<String> attribute,
    Optional<String> cloud) {

  public Problem(
      Optional<String> address,
      String message,
      Optional<ProviderException.Kind> kind,
      Optional<String> cloudCode,
      Optional<String> attribute) {
    this(address, message, kind, cloudCode, attribute, Optional.empty());
  }

  /** A cloud that could not be connected to or read, whichever pools use it. */
  public static Problem ofCloud(String cloudKey, ProviderException e) {
    Problem p = of(null, e);
    return new Problem(
        p.address(), p.message(), p.kind(), p.cloudCode(), p.attribute(), Optional.of(cloudKey));
  }

  public static Problem of(String address, String message) {
    return new Problem(
        Optional.ofNullable(address),
        message,
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  public static Problem of(String address, ProviderException e) {
    return new Problem(
        Optional.ofNullable(address),
        e.getMessage() == null ? e.kind().name() : e.getMessage(),
        Optional.of(e.kind()),
        e.cloudCode(),
        e.attribute());
  }

  @Override
  public String toString() {
    return address.map(a -> a + ": ").orElse("")
        + message
        + attribute.map(a -> " (" + a + ")").orElse("");
  }
}
