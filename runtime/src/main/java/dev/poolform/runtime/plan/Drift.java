package dev.poolform.runtime.plan;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Something that changed outside Poolform: the cloud differs from the last applied spec.
 *
 * @param address the pool
 * @param path the attribute, e.g. {@code capacity.desired}
 * @param applied what Poolform last applied
 * @param live what the cloud has now
 * @param reason a sentence, e.g. "capacity.desired changed outside Poolform (3 -> 5)"
 */
public record Drift(String address, String path, JsonNode applied, JsonNode live, String reason) {
  public Drift {
    applied = dev.poolform.ir.json.CanonicalJson.normalize(applied);
    live = dev.poolform.ir.json.CanonicalJson.normalize(live);
  }
}
