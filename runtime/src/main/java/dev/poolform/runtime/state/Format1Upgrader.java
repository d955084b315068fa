package dev.poolform.runtime.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolform.ir.IntOrPercent;
import dev.poolform.ir.IrHealth;
import dev.poolform.ir.json.CanonicalJson;
import dev.poolform.ir.json.IrCodec;

/**
 * Format 1 → 2. Format 2 keeps each resource's {@code spec} in the IR's own JSON form ({@link
 * IrCodec#spec}) instead of a second encoding of it. Two things differed in format 1:
 *
 * <ul>
 *   <li>counts in {@code rollout.max_surge}, {@code rollout.max_unavailable} and {@code
 *       health.max_unhealthy} were strings ({@code "1"}); they become numbers ({@code 1}), as the
 *       IR writes them (percentages stay {@code "25%"});
 *   <li>a pool without a health block had {@code "health": null}; it becomes the health such a pool
 *       has in the IR ({@link IrHealth#NONE}: nothing is repaired).
 * </ul>
 *
 * Without this step the first plan after an upgrade would show those attributes as changed.
 */
public final class Format1Upgrader implements StateUpgrader {
  @Override
  public int from() {
    return 1;
  }

  /**
   * Rewrites every resource's spec; anything missing or malformed is left for the codec, which
   * reports it with the file's name and how to restore it.
   */
  @Override
  public ObjectNode upgrade(JsonNode doc) {
    ObjectNode out = ((ObjectNode) doc).deepCopy();
    out.put("format_version", 2);
    for (JsonNode r : out.path("resources")) {
      if (r instanceof ObjectNode resource && r.get("spec") instanceof ObjectNode spec) {
        upgradeSpec(spec);
        resource.set("spec", CanonicalJson.normalize(spec));
      }
    }
    return out;
  }

  private static void upgradeSpec(ObjectNode spec) {
    if (spec.get("rollout") instanceof ObjectNode rollout) {
      count(rollout, "max_surge");
      count(rollout, "max_unavailable");
    }
    JsonNode health = spec.get("health");
    if (health == null || health.isNull()) {
      spec.set("health", IrCodec.health(IrHealth.NONE));
    } else if (health instanceof ObjectNode h) {
      count(h, "max_unhealthy");
    }
  }

  /** {@code "3"} becomes {@code 3}; a percentage or anything else stays as it is. */
  private static void count(ObjectNode block, String field) {
    JsonNode v = block.get(field);
    if (v != null && v.isTextual() && v.asText().matches("[0-9]{1,18}")) {
      block.set(field, IrCodec.amount(IntOrPercent.count(Long.parseLong(v.asText()))));
    }
  }
}
