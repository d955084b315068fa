package dev.poolform.runtime.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poolform.ir.json.CanonicalJson;
import dev.poolform.stdlib.value.SecretValue;

/** Content hashes: {@code sha256:<hex>} of a tree's compact canonical JSON. */
public final class Hashes {
  private Hashes() {}

  public static String of(JsonNode node) {
    return "sha256:" + SecretValue.sha256Hex(CanonicalJson.compact(node));
  }

  public static String ofText(String text) {
    return "sha256:" + SecretValue.sha256Hex(text);
  }
}
