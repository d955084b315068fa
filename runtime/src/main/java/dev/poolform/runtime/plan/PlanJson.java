package dev.poolform.runtime.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolform.ir.json.CanonicalJson;

/**
 * The {@code pool plan --json} document (docs/json.md#plan):
 *
 * <pre>
 * {"format_version": 2, "mode": "normal"|"destroy", "targets": [...], "replace": [...],
 *  "changes": [{"address", "action", "before", "after", "reasons": [...],
 *               "cloud", "diff": [{"path", "old", "new", "sensitive"}], "repair_targets": [...],
 *               "strays": [{"cloud", "name", "cloud_id"}]}],
 *  "drift": [{"address", "path", "applied", "live", "reason"}]}
 * </pre>
 *
 * Fields are only ever added (docs/json.md#conventions); an added attribute has no {@code old}, a
 * removed one no {@code new}. Secrets appear as their {@code sha256:} digest with {@code
 * "sensitive": true}.
 */
public final class PlanJson {
  private PlanJson() {}

  /**
   * The plan document's version, raised with the plan file's: the before/after trees are the IR's
   * own JSON form since 2.
   */
  public static final int FORMAT_VERSION = PlanFile.VERSION;

  public static ObjectNode toJson(Plan plan) {
    ObjectNode o = CanonicalJson.object();
    o.put("format_version", FORMAT_VERSION);
    o.put("mode", plan.request().mode().text());
    ArrayNode targets = CanonicalJson.array();
    plan.request().targets().forEach(targets::add);
    o.set("targets", targets);
    ArrayNode replace = CanonicalJson.array();
    plan.request().replace().forEach(replace::add);
    o.set("replace", replace);
    ArrayNode changes = CanonicalJson.array();
    for (PoolChange c : plan.changes()) changes.add(change(c));
    o.set("changes", changes);
    ArrayNode drift = CanonicalJson.array();
    for (Drift d : plan.drift()) drift.add(drift(d));
    o.set("drift", drift);
    return o;
  }

  public static String write(Plan plan) {
    return CanonicalJson.write(toJson(plan));
  }

  static ObjectNode change(PoolChange c) {
    ObjectNode o = CanonicalJson.object();
    o.put("address", c.address());
    o.put("action", c.action().text());
    o.put("cloud", c.cloud());
    o.set("before", c.before());
    o.set("after", c.after());
    ArrayNode reasons = CanonicalJson.array();
    c.reasons().forEach(reasons::add);
    o.set("reasons", reasons);
    ArrayNode diffs = CanonicalJson.array();
    for (AttributeDiff d : c.diffs()) diffs.add(diff(d));
    o.set("diff", diffs);
    ArrayNode targets = CanonicalJson.array();
    c.repairTargets().forEach(targets::add);
    o.set("repair_targets", targets);
    ArrayNode strays = CanonicalJson.array();
    for (StrayGroup g : c.strays()) {
      strays
          .addObject()
          .put("cloud", g.cloud())
          .put("name", g.group().name())
          .put("cloud_id", g.group().cloudId());
    }
    o.set("strays", strays);
    return o;
  }

  static ObjectNode diff(AttributeDiff d) {
    ObjectNode o = CanonicalJson.object();
    o.put("path", d.path());
    if (!d.oldValue().isMissingNode()) o.set("old", d.oldValue());
    if (!d.newValue().isMissingNode()) o.set("new", d.newValue());
    o.put("sensitive", d.sensitive());
    return o;
  }

  static ObjectNode drift(Drift d) {
    ObjectNode o = CanonicalJson.object();
    o.put("address", d.address());
    o.put("path", d.path());
    o.set("applied", d.applied().isMissingNode() ? NullNode.getInstance() : d.applied());
    o.set("live", d.live().isMissingNode() ? NullNode.getInstance() : d.live());
    o.put("reason", d.reason());
    return o;
  }

  static JsonNode orNull(JsonNode n) {
    return n == null || n.isMissingNode() ? NullNode.getInstance() : n;
  }
}
