package dev.poolform.runtime.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Format 2 → 3. Format 3 keeps secrets as keyed digests, {@code hmac-sha256:<key id>:<hex>}
 * (docs/runtime.md#secrets); format 2 kept a plain {@code sha256:<hex>} of each, which anyone who
 * can read the file can test guesses against.
 *
 * <p>Nothing in the document changes but its version: a plain digest cannot be turned into a keyed
 * one without the secret. The runtime still verifies the plain ones (an unchanged secret keeps its
 * digest, so the upgrade rolls nothing out), says so when it plans, and writes a keyed digest for
 * each secret once it changes. The version moves so that an older Poolform, which knows only plain
 * digests and would take every keyed one for a changed secret, refuses the file instead.
 */
public final class Format2Upgrader implements StateUpgrader {
  @Override
  public int from() {
    return 2;
  }

  @Override
  public ObjectNode upgrade(JsonNode doc) {
    ObjectNode out = ((ObjectNode) doc).deepCopy();
    out.put("format_version", 3);
    return out;
  }
}
