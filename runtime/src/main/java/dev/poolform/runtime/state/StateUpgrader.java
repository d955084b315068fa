package dev.poolform.runtime.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Turns a state document of format {@link #from()} into format {@code from() + 1}. The codec chains
 * upgraders until the current format, so each one only knows its own step.
 */
public interface StateUpgrader {
  int from();

  /** The upgraded document; throws {@link StateException} (CORRUPT) if the input is malformed. */
  ObjectNode upgrade(JsonNode document) throws StateException;
}
