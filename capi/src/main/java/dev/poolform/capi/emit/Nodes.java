package dev.poolform.capi.emit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.poolform.ir.IntOrPercent;
import dev.poolform.stdlib.value.Literals;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;

/** Small builders for the ordered JSON trees the writers fill. */
final class Nodes {
  private Nodes() {}

  static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  static ObjectNode header(String apiVersion, String kind, String name, String namespace) {
    ObjectNode doc = object();
    doc.put("apiVersion", apiVersion);
    doc.put("kind", kind);
    ObjectNode meta = doc.putObject("metadata");
    meta.put("name", name);
    meta.put("namespace", namespace);
    return doc;
  }

  static ObjectNode strings(Map<String, String> m) {
    ObjectNode o = object();
    m.forEach(o::put);
    return o;
  }

  static ArrayNode list(Collection<String> items) {
    ArrayNode a = JsonNodeFactory.instance.arrayNode();
    items.forEach(a::add);
    return a;
  }

  /**
   * Kubernetes' IntOrString: a count as an integer, a percentage as {@code "25%"}. Kubernetes
   * parses only whole percentages; the caller rounds fractional ones first.
   */
  static JsonNode intOrPercent(IntOrPercent v) {
    return v.percent()
        ? TextNode.valueOf(Literals.formatPercent(v.value()))
        : IntNode.valueOf((int) v.value());
  }

  /** Whole seconds, rounded up so that a wait is never shortened. */
  static long seconds(Duration d) {
    long s = d.getSeconds();
    return d.getNano() > 0 ? s + 1 : s;
  }
}
