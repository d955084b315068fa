package dev.poolform.runtime.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * One attribute that changes.
 *
 * @param path dotted path in the spec tree, e.g. {@code machine.image}
 * @param oldValue the value before (a {@link MissingNode} when it is added)
 * @param newValue the value after (a {@link MissingNode} when it is removed)
 * @param sensitive a secret: both sides are digests; text output shows {@code (sensitive)}
 */
public record AttributeDiff(String path, JsonNode oldValue, JsonNode newValue, boolean sensitive) {
  public AttributeDiff {
    oldValue =
        oldValue == null
            ? MissingNode.getInstance()
            : dev.poolform.ir.json.CanonicalJson.normalize(oldValue);
    newValue =
        newValue == null
            ? MissingNode.getInstance()
            : dev.poolform.ir.json.CanonicalJson.normalize(newValue);
  }
}
