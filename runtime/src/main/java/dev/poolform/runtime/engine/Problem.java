package dev.poolform.runtime.engine;

import dev.poolform.runtime.provider.ProviderException;
import java.util.Optional;

/**
 * Something that went wrong for a user to read: which pool (if one), a message, and what the cloud
 * said (its error code, the attribute path the CLI points back at in the source).
 */
public record Problem(
    Optional<String> address,
    String message,
    Optional<ProviderException.Kind> kind,
    Optional<String> cloudCode,
    Optional<String> attribute) {

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
