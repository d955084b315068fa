package dev.poolform.runtime.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolform.ir.json.CanonicalJson;

/**
 * Format 3 → 4. Format 4 adds {@code released} (groups given up with {@code pool state rm}, which
 * this configuration must never adopt or delete again) and {@code configuration} (which
 * configuration the state belongs to). A format 3 state released nothing and recorded no
 * configuration: the first write of this version records the one it was used with.
 *
 * <p>The format number moves (rather than the fields only being added) so that an older Poolform
 * refuses a format 4 state instead of ignoring what it released, which it would then delete as a
 * stray or adopt again.
 */
public final class Format3Upgrader implements StateUpgrader {
  @Override
  public int from() {
    return 3;
  }

  @Override
  public ObjectNode upgrade(JsonNode doc) {
    ObjectNode out = ((ObjectNode) doc).deepCopy();
    out.put("format_version", 4);
    if (!out.has("released")) out.set("released", CanonicalJson.array());
    return out;
  }
}
