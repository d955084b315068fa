package dev.poolform.runtime.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolform.ir.IrCapacity;
import dev.poolform.ir.IrConfig;
import dev.poolform.ir.IrPool;
import dev.poolform.ir.json.CanonicalJson;
import dev.poolform.ir.json.IrCodec;
import dev.poolform.ir.json.ValueJson;
import dev.poolform.runtime.json.Hashes;
import dev.poolform.runtime.provider.ObservedGroup;
import dev.poolform.runtime.provider.Ownership;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/** Turns IR pools into spec trees and hashes. */
public final class PoolSpecs {
  private PoolSpecs() {}

  /** Tag keys the engine puts on every group (and asks providers to put on machines). */
  public static final String TAG_ADDRESS = Ownership.ADDRESS;

  public static final String TAG_LINEAGE = Ownership.LINEAGE;
  public static final String TAG_SPEC_HASH = "poolform:spec-hash";
  public static final String TAG_PREFIX = "poolform:";

  /**
   * The pool's applied spec as state records it and plans show it: the IR's own JSON form without
   * what only the compiler's output carries ({@link IrCodec#spec}). Secrets appear as {@code
   * sha256:} digests only.
   */
  public static ObjectNode specOf(IrPool p) {
    return IrCodec.spec(p);
  }

  /**
   * The spec as a group found in the cloud has it: the pool's, with the group's live capacity and
   * labels (what an adopted or imported group is recorded with, so the next diff shows what apply
   * still changes). Under {@code desired = external} the live desired count is not the spec's.
   */
  public static ObjectNode liveSpecOf(IrPool p, ObservedGroup g) {
    IrCapacity live =
        new IrCapacity(
            g.min(),
            g.max(),
            p.capacity().external() ? OptionalLong.empty() : OptionalLong.of(g.desired()));
    return IrCodec.spec(
        new IrPool(
            p.address(),
            p.name(),
            p.cloud(),
            live,
            p.machine(),
            p.rollout(),
            p.health(),
            labelsOf(g.tags()),
            p.after(),
            p.capi(),
            p.origin()));
  }

  /**
   * The hash of the machine spec: what machines are launched from. Equal hashes mean no machine
   * needs replacing. A changed secret changes its digest and so the hash.
   */
  public static String machineHash(IrPool p) {
    return Hashes.of(ValueJson.toJson(p.machine()));
  }

  /**
   * The hash of every pool's spec with its cloud's settings, in address order: a saved plan is
   * stale once it moves.
   */
  public static String configHash(IrConfig config) {
    ArrayNode a = CanonicalJson.array();
    config.pools().stream()
        .sorted(java.util.Comparator.comparing(IrPool::address))
        .forEach(
            p -> {
              ObjectNode s = specOf(p);
              ((ObjectNode) s.get("cloud")).set("settings", ValueJson.toJson(p.cloud().settings()));
              a.add(CanonicalJson.normalize(s));
            });
    return Hashes.of(a);
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
