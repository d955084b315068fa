package dev.poolform.runtime.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poolform.ir.json.CanonicalJson;
import dev.poolform.stdlib.value.SecretValue;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Content hashes: {@code sha256:<hex>} of a tree's compact canonical JSON. */
public final class Hashes {
  private Hashes() {}

  /**
   * The hash of {@link CanonicalJson#compact}'s UTF-8 bytes, streamed into the digest: a plan
   * hashes every pool's spec and the whole configuration, megabytes at fleet scale, and the text
   * need never be held.
   */
  public static String of(JsonNode node) {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
    try {
      CanonicalJson.writeCompact(
          node,
          new OutputStreamWriter(
              new DigestOutputStream(OutputStream.nullOutputStream(), md), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("a digest takes any bytes", e);
    }
    return "sha256:" + HexFormat.of().formatHex(md.digest());
  }

  public static String ofText(String text) {
    return "sha256:" + SecretValue.sha256Hex(text);
  }
}
