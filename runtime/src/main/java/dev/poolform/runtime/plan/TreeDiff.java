package dev.poolform.runtime.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.poolform.ir.json.ValueJson;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Leaf-level differences between two spec trees; objects recurse, lists compare whole. */
public final class TreeDiff {
  private TreeDiff() {}

  public static List<AttributeDiff> diff(JsonNode before, JsonNode after) {
    List<AttributeDiff> out = new ArrayList<>();
    // Normalised, so an int built in memory equals the same int read from a file.
    walk(
        "",
        dev.poolform.ir.json.CanonicalJson.normalize(before),
        dev.poolform.ir.json.CanonicalJson.normalize(after),
        out);
    return out;
  }

  private static void walk(String path, JsonNode a, JsonNode b, List<AttributeDiff> out) {
    JsonNode x = a == null || a.isNull() ? MissingNode.getInstance() : a;
    JsonNode y = b == null || b.isNull() ? MissingNode.getInstance() : b;
    if (x.equals(y)) return;
    if (x.isObject() && y.isObject()) {
      TreeSet<String> keys = new TreeSet<>();
      x.fieldNames().forEachRemaining(keys::add);
      y.fieldNames().forEachRemaining(keys::add);
      for (String k : keys) walk(path.isEmpty() ? k : path + "." + k, x.get(k), y.get(k), out);
      return;
    }
    if ((x.isObject() && y.isMissingNode()) || (x.isMissingNode() && y.isObject())) {
      JsonNode obj = x.isObject() ? x : y;
      obj.fieldNames()
          .forEachRemaining(
              k ->
                  walk(
                      path.isEmpty() ? k : path + "." + k,
                      x.isObject() ? x.get(k) : null,
                      y.isObject() ? y.get(k) : null,
                      out));
      return;
    }
    boolean sensitive = ValueJson.isDigest(x) || ValueJson.isDigest(y);
    out.add(new AttributeDiff(path, x, y, sensitive));
  }
}
