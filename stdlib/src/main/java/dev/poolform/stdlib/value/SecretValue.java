package dev.poolform.stdlib.value;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A string marked sensitive by {@code secret()} (and user data): it reaches the cloud, but output,
 * plans and state only ever show its SHA-256.
 */
public record SecretValue(String value) implements Value {
  public SecretValue {
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

  /** {@code sha256:<hex>} of the UTF-8 bytes: what state and output carry instead of the value. */
  public String digest() {
    return "sha256:" + sha256Hex(value);
  }

  public static String sha256Hex(String s) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }

  /** Never print the secret by accident. */
  @Override
  public String toString() {
    return "(sensitive " + digest() + ")";
  }
}
