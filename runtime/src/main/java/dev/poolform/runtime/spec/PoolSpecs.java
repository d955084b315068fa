package dev.poolform.runtime.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolform.ir.IrCapacity;
import dev.poolform.ir.IrCloud;
import dev.poolform.ir.IrConfig;
import dev.poolform.ir.IrHealth;
import dev.poolform.ir.IrPool;
import dev.poolform.ir.IrRollout;
import dev.poolform.runtime.json.CanonicalJson;
import dev.poolform.runtime.json.Hashes;
import dev.poolform.runtime.json.ValueJson;
import dev.poolform.stdlib.value.Literals;
import java.util.LinkedHashMap;
import java.util.Map;

/** Turns IR pools into spec trees and hashes. */
public final class PoolSpecs {
  private PoolSpecs() {}

  /** Tag keys the engine puts on every group (and asks providers to put on machines). */
  public static final String TAG_ADDRESS = "poolform:address";

  public static final String TAG_LINEAGE = "poolform:lineage";
  public static final String TAG_SPEC_HASH = "poolform:spec-hash";
  public static final String TAG_PREFIX = "poolform:";

  /**
   * The pool as a tree: {@code address, name, cloud {kind,name}, capacity {min,max,desired},
   * machine, rollout, health (null without a health block), labels, after}. Secrets appear as
   * {@code sha256:} digests only.
   */
  public static ObjectNode specOf(IrPool p) {
    return (ObjectNode) CanonicalJson.normalize(buildSpec(p));
  }

  private static ObjectNode buildSpec(IrPool p) {
    ObjectNode o = CanonicalJson.object();
    o.put("address", p.address());
    o.put("name", p.name());
    o.set("cloud", cloudRef(p.cloud()));
    o.set("capacity", capacity(p.capacity()));
    o.set("machine", ValueJson.toJson(p.machine()));
    o.set("rollout", rollout(p.rollout()));
    o.set(
        "health",
        p.health().equals(IrHealth.NONE) ? CanonicalJson.NODES.nullNode() : health(p.health()));
    ObjectNode labels = CanonicalJson.object();
    p.labels().forEach(labels::put);
    o.set("labels", labels);
    ArrayNode after = CanonicalJson.array();
    p.after().forEach(after::add);
    o.set("after", after);
    return o;
  }

  public static ObjectNode cloudRef(IrCloud c) {
    ObjectNode o = CanonicalJson.object();
    o.put("kind", c.kind());
    o.put("name", c.name());
    return o;
  }

  public static ObjectNode capacity(IrCapacity c) {
    ObjectNode o = CanonicalJson.object();
    o.put("min", c.min());
    o.put("max", c.max());
    if (c.external()) o.put("desired", "external");
    else o.put("desired", c.desired().getAsLong());
    return o;
  }

  public static ObjectNode rollout(IrRollout r) {
    ObjectNode o = CanonicalJson.object();
    o.put("max_surge", r.maxSurge().toString());
    o.put("max_unavailable", r.maxUnavailable().toString());
    o.put("min_ready", Literals.formatDuration(r.minReady().toMillis()));
    o.put("pause", Literals.formatDuration(r.pause().toMillis()));
    o.put("delete_order", r.deleteOrder().text());
    o.put("timeout", Literals.formatDuration(r.timeout().toMillis()));
    o.put("auto_rollback", r.autoRollback());
    o.put("engine", r.engine().text());
    return o;
  }

  public static ObjectNode health(IrHealth h) {
    ObjectNode o = CanonicalJson.object();
    o.put("grace", Literals.formatDuration(h.grace().toMillis()));
    o.put("max_unhealthy", h.maxUnhealthy().toString());
    o.put("repair", h.repair().text());
    return o;
  }

  /**
   * The hash of the machine spec: what machines are launched from. Equal hashes mean no machine
   * needs replacing. A changed secret changes its digest and so the hash.
   */
  public static String machineHash(IrPool p) {
    return Hashes.of(ValueJson.toJson(p.machine()));
  }

  /** The hash of every pool's spec, in address order: a saved plan is stale once it moves. */
  public static String configHash(IrConfig config) {
    ArrayNode a = CanonicalJson.array();
    config.pools().stream()
        .sorted(java.util.Comparator.comparing(IrPool::address))
        .forEach(
            p -> {
              ObjectNode s = specOf(p);
              s.set("cloud", cloudWithSettings(p.cloud()));
              a.add(s);
            });
    return Hashes.of(a);
  }

  /** The cloud with its settings, as state keeps it so a removed cloud can still be reached. */
  public static ObjectNode cloudWithSettings(IrCloud c) {
    ObjectNode o = cloudRef(c);
    o.set("settings", ValueJson.toJson(c.settings()));
    return (ObjectNode) CanonicalJson.normalize(o);
  }

  /** Labels plus the poolform tags every group carries. */
  public static Map<String, String> tags(IrPool p, String lineage, String machineHash) {
    Map<String, String> t = new LinkedHashMap<>(p.labels());
    t.put(TAG_ADDRESS, p.address());
    t.put(TAG_LINEAGE, lineage);
    t.put(TAG_SPEC_HASH, machineHash);
    return t;
  }

  /**
   * The labels part of a cloud's tags: everything but Poolform's own ({@code poolform:}) and the
   * ones clouds add by themselves ({@code aws:}, which users cannot set anyway).
   */
  public static java.util.SortedMap<String, String> labelsOf(Map<String, String> tags) {
    java.util.TreeMap<String, String> out = new java.util.TreeMap<>();
    tags.forEach(
        (k, v) -> {
          if (!k.startsWith(TAG_PREFIX) && !k.startsWith("aws:")) out.put(k, v);
        });
    return out;
  }

  /** Reads a value at a dotted path of a spec tree (missing if absent). */
  public static JsonNode at(JsonNode spec, String path) {
    JsonNode n = spec;
    for (String part : path.split("\\.", -1)) {
      if (n == null) break;
      n = n.get(part);
    }
    return n == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : n;
  }
}
