package dev.poolform.stdlib.value;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * A string marked sensitive by {@code secret()} (and any value of a sensitive attribute such as
 * {@code user_data}): it reaches the cloud, but output, plans and state never carry it.
 *
 * <p>The compiler makes secrets without a digest; what they stand for in compiler output is {@code
 * "(sensitive)"}. The runtime <em>seals</em> each one before planning: it attaches the keyed digest
 * that state, plans and cloud tags carry instead of the value (docs/runtime.md#secrets). The digest
 * is never a plain hash of the value, which anyone could test guesses against.
 *
 * @param value the text itself; only the clouds ever see it
 * @param digest the keyed digest the runtime attached; empty until then
 */
public record SecretValue(String value, Optional<String> digest) implements Value {
  /** What a secret without a digest reads as wherever it is shown. */
  public static final String HIDDEN = "(sensitive)";

  /** A keyed digest: {@code hmac-sha256:<key id>:<64 hex digits>}. */
  public static final String KEYED_PREFIX = "hmac-sha256:";

  /**
   * An unkeyed digest, {@code sha256:<64 hex digits>}, as states before format 3 kept them: read
   * and compared, never written.
   */
  public static final String LEGACY_PREFIX = "sha256:";

  /**
   * The pattern of {@link #isShown}, compiled on first use, not when the compiler first meets a
   * secret: compiling a pattern links the lambdas inside java.util.regex, which costs a cold {@code
   * pool validate} the set-up of java.lang.invoke (docs/BENCHMARKS.md#cold-start).
   */
  private static final class Shown {
    static final java.util.regex.Pattern PATTERN =
        java.util.regex.Pattern.compile(
            "sha256:[0-9a-f]{64}|hmac-sha256:[0-9a-f]{1,64}:[0-9a-f]{64}|\\(sensitive\\)");
  }

  public SecretValue {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(digest, "digest");
  }

  /** A secret as the language makes it: not yet sealed. */
  public SecretValue(String value) {
    this(value, Optional.empty());
  }

  /** This secret with the digest the runtime chose for it. */
  public SecretValue sealed(String digest) {
    return new SecretValue(value, Optional.of(digest));
  }

  @Override
  public String typeName() {
    return "string";
  }

  @Override
  public long weight() {
    return 1L + value.length() / CHARS_PER_WEIGHT;
  }

  /** The digest once sealed, else {@link #HIDDEN}: the only text a secret ever shows. */
  public String shown() {
    return digest.orElse(HIDDEN);
  }

  /**
   * True if {@code text} is what a secret shows instead of its value: a digest or {@link #HIDDEN}.
   */
  public static boolean isShown(String text) {
    return Shown.PATTERN.matcher(text).matches();
  }

  /** True if {@code v} is a secret or a list or map holding one anywhere. */
  public static boolean within(Value v) {
    if (v instanceof SecretValue) return true;
    if (v instanceof ListValue l) {
      for (Value e : l.items()) if (within(e)) return true;
    }
    if (v instanceof MapValue m) {
      for (Value e : m.entries().values()) if (within(e)) return true;
    }
    return false;
  }

  /**
   * SHA-256 of {@code s}'s UTF-8 bytes as hex: a content hash for things that are not secret (spec
   * trees, names). Never for a secret's value: see the class comment.
   */
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
    return digest.map(d -> "(sensitive " + d + ")").orElse(HIDDEN);
  }
}
