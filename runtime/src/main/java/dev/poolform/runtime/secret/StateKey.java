package dev.poolform.runtime.secret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * One key for secret digests: at least 32 random bytes, written as base64. Its id, which every
 * digest made with it names, is the first 8 bytes of a SHA-256 of the key (domain-separated): it
 * tells keys apart and says which one a digest needs, and reveals nothing of a random key.
 */
public final class StateKey {
  /** Shortest key accepted, in bytes: HMAC-SHA256's own block of security. */
  public static final int MIN_BYTES = 32;

  private final byte[] bytes;
  private final String id;

  private StateKey(byte[] bytes) {
    this.bytes = bytes.clone();
    this.id = idOf(bytes);
  }

  /** A new random key. */
  public static StateKey generate() {
    byte[] b = new byte[MIN_BYTES];
    new SecureRandom().nextBytes(b);
    return new StateKey(b);
  }

  /**
   * A key from its text: standard or URL-safe base64, padding optional.
   *
   * @throws IllegalArgumentException not base64, or shorter than {@link #MIN_BYTES} (the message
   *     says which, never the text)
   */
  public static StateKey parse(String text) {
    String t = text.strip();
    byte[] b;
    try {
      b = Base64.getDecoder().decode(t.replace('-', '+').replace('_', '/'));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("a key is not base64 text");
    }
    if (b.length < MIN_BYTES) {
      throw new IllegalArgumentException(
          "a key is "
              + b.length
              + " bytes; keys need at least "
              + MIN_BYTES
              + " random bytes (e.g. `openssl rand -base64 32`)");
    }
    return new StateKey(b);
  }

  /** The key as it is written down: standard base64. */
  public String text() {
    return Base64.getEncoder().encodeToString(bytes);
  }

  /** 16 hex digits naming the key in digests and messages. */
  public String id() {
    return id;
  }

  byte[] bytes() {
    return bytes.clone();
  }

  private static String idOf(byte[] key) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update("poolform state key id\n".getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(Arrays.copyOf(md.digest(key), 8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StateKey k && MessageDigest.isEqual(k.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  /** Never the key itself. */
  @Override
  public String toString() {
    return "StateKey[" + id + "]";
  }
}
