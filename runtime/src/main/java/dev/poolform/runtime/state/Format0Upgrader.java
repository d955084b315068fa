package dev.poolform.runtime.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolform.ir.json.CanonicalJson;

/**
 * Format 0 → 1. Format 0 was the prototype's layout (docs/json.md#state-file):
 *
 * <pre>
 * {"version": 0, "serial": 3, "lineage": "…",
 *  "pools": [{"address": "pool.web", "cloud": "local.dev", "id": "…", "name": "web",
 *             "spec": {…}, "hash": "sha256:…"}]}
 * </pre>
 *
 * Format 1 renames {@code version} to {@code format_version}, keys resources by address, splits
 * {@code cloud} into kind and name, moves {@code id}/{@code name} under {@code group}, renames
 * {@code hash} to {@code spec_hash} and adds {@code tool_version}, {@code observed} (unknown) and
 * {@code pending} (none: format 0 had no write-ahead intents).
 */
public final class Format0Upgrader implements StateUpgrader {
  @Override
  public int from() {
    return 0;
  }

  @Override
  public ObjectNode upgrade(JsonNode doc) throws StateException {
    ObjectNode out = CanonicalJson.object();
    out.put("format_version", 1);
    out.put("serial", need(doc, "serial").asLong());
    out.put("lineage", need(doc, "lineage").asText());
    out.put("tool_version", "0 (upgraded)");
    out.set("pending", CanonicalJson.array());
    ObjectNode resources = CanonicalJson.object();
    JsonNode pools = need(doc, "pools");
    if (!pools.isArray()) throw corrupt("`pools` is not a list");
    for (JsonNode p : pools) {
      String address = need(p, "address").asText();
      String cloud = need(p, "cloud").asText();
      int dot = cloud.indexOf('.');
      if (dot <= 0) throw corrupt("cloud `" + cloud + "` of " + address + " is not KIND.NAME");
      ObjectNode r = CanonicalJson.object();
      ObjectNode c = CanonicalJson.object();
      c.put("kind", cloud.substring(0, dot));
      c.put("name", cloud.substring(dot + 1));
      c.set("settings", CanonicalJson.object());
      r.set("cloud", c);
      ObjectNode g = CanonicalJson.object();
      g.put("name", need(p, "name").asText());
      g.put("cloud_id", need(p, "id").asText());
      r.set("group", g);
      r.set("spec", need(p, "spec"));
      r.put("spec_hash", need(p, "hash").asText());
      ObjectNode obs = CanonicalJson.object();
      obs.put("min", 0);
      obs.put("max", 0);
      obs.put("desired", 0);
      obs.put("instances", 0);
      r.set("observed", obs);
      resources.set(address, r);
    }
    out.set("resources", resources);
    return out;
  }

  private static JsonNode need(JsonNode n, String field) throws StateException {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) throw corrupt("format 0 state lacks `" + field + "`");
    return v;
  }

  private static StateException corrupt(String why) {
    return new StateException(
        StateException.Kind.CORRUPT, "The state file cannot be upgraded: " + why + ".");
  }
}
