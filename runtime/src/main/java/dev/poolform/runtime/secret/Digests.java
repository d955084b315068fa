package dev.poolform.runtime.secret;

import dev.poolform.stdlib.value.SecretValue;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The digests that stand for secrets: {@code hmac-sha256:<key id>:<hex>}, HMAC-SHA256 of the
 * value's UTF-8 bytes under a {@link StateKey}. Without the key, a digest cannot be computed for a
 * guess, so reading it (in a state in git, a plan, a cloud tag) tells nothing about the value.
 * States before format 3 kept {@code sha256:<hex>}, a plain hash: those are only ever verified,
 * never made.
 */
public final class Digests {
  private Digests() {}

  /** The digest of {@code value} under {@code key}. */
  public static String of(StateKey key, String value) {
    return SecretValue.KEYED_PREFIX + key.id() + ":" + HexFormat.of().formatHex(hmac(key, value));
  }

  /** The outcome of checking a stored digest against a value. */
  public sealed interface Check {
    /** The value is the one the digest was made of. */
    record Same() implements Check {}

    /** It is not: the secret changed. */
    record Changed() implements Check {}

    /** The digest's key is not in the ring: nobody here can tell. */
    record KeyMissing(String keyId) implements Check {}

    /** Not a digest at all (hand-edited, or {@code "(sensitive)"}): treated as changed. */
    record NotADigest() implements Check {}
  }

  /** Checks {@code stored} against {@code value}, with the ring's keys (ring may be empty). */
  public static Check check(String stored, String value, Optional<KeyRing> ring) {
    if (stored.startsWith(SecretValue.LEGACY_PREFIX) && SecretValue.isShown(stored)) {
      String hex = stored.substring(SecretValue.LEGACY_PREFIX.length());
      return same(hex, SecretValue.sha256Hex(value)) ? new Check.Same() : new Check.Changed();
    }
    if (!stored.startsWith(SecretValue.KEYED_PREFIX) || !SecretValue.isShown(stored)) {
      return new Check.NotADigest();
    }
    String rest = stored.substring(SecretValue.KEYED_PREFIX.length());
    String keyId = rest.substring(0, rest.indexOf(':'));
    Optional<StateKey> key = ring.flatMap(r -> r.find(keyId));
    if (key.isEmpty()) return new Check.KeyMissing(keyId);
    return same(stored, of(key.get(), value)) ? new Check.Same() : new Check.Changed();
  }

  /** The key id a keyed digest names; empty for any other text. */
  public static Optional<String> keyId(String stored) {
    if (!stored.startsWith(SecretValue.KEYED_PREFIX) || !SecretValue.isShown(stored))
      return Optional.empty();
    String rest = stored.substring(SecretValue.KEYED_PREFIX.length());
    return Optional.of(rest.substring(0, rest.indexOf(':')));
  }

  /** True for the unkeyed {@code sha256:} digests of states before format 3. */
  public static boolean isLegacy(String stored) {
    return stored.startsWith(SecretValue.LEGACY_PREFIX) && SecretValue.isShown(stored);
  }

  /** Compared in constant time: how long a check takes says nothing about the digest. */
  private static boolean same(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
  }

  private static byte[] hmac(StateKey key, String value) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.bytes(), "HmacSHA256"));
      return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
    }
  }
}
