package dev.poolform.runtime.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolform.stdlib.value.BoolValue;
import dev.poolform.stdlib.value.BytesValue;
import dev.poolform.stdlib.value.DurationValue;
import dev.poolform.stdlib.value.IntValue;
import dev.poolform.stdlib.value.ListValue;
import dev.poolform.stdlib.value.MapValue;
import dev.poolform.stdlib.value.NullValue;
import dev.poolform.stdlib.value.NumberValue;
import dev.poolform.stdlib.value.PercentValue;
import dev.poolform.stdlib.value.SecretValue;
import dev.poolform.stdlib.value.StringValue;
import dev.poolform.stdlib.value.Value;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Machine attributes to and from the group file. Strings, numbers, booleans, lists and maps are
 * plain JSON; durations, sizes and percentages are tagged objects so they read back with their
 * kind; secrets are stored as their digest only and do not read back (like a cloud that never
 * returns user data).
 */
final class MachineValues {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private MachineValues() {}

  static JsonNode toJson(Value v) {
    if (v instanceof StringValue s) return F.textNode(s.value());
    if (v instanceof IntValue i) return F.numberNode(i.value());
    if (v instanceof NumberValue n) return F.numberNode(n.value());
    if (v instanceof BoolValue b) return F.booleanNode(b.value());
    if (v instanceof DurationValue d) return tagged("$duration", F.numberNode(d.millis()));
    if (v instanceof BytesValue b) return tagged("$bytes", F.numberNode(b.bytes()));
    if (v instanceof PercentValue p) return tagged("$percent", F.numberNode(p.value()));
    if (v instanceof SecretValue s) return tagged("$sensitive", F.textNode(s.shown()));
    if (v instanceof ListValue l) {
      ArrayNode a = F.arrayNode();
      l.items().forEach(e -> a.add(toJson(e)));
      return a;
    }
    if (v instanceof MapValue m) {
      ObjectNode o = F.objectNode();
      m.entries().forEach((k, e) -> o.set(k, toJson(e)));
      return o;
    }
    if (v == NullValue.INSTANCE) return F.nullNode();
    return F.textNode(v.toString());
  }

  private static ObjectNode tagged(String tag, JsonNode value) {
    ObjectNode o = F.objectNode();
    o.set(tag, value);
    return o;
  }

  /** The machine map back; secret entries are left out. */
  static MapValue mapFromJson(JsonNode node) {
    Value v = fromJson(node);
    return v instanceof MapValue m ? m : MapValue.EMPTY;
  }

  private static Value fromJson(JsonNode n) {
    if (n == null || n.isNull()) return NullValue.INSTANCE;
    if (n.isTextual()) return new StringValue(n.textValue());
    if (n.isBoolean()) return new BoolValue(n.booleanValue());
    if (n.isIntegralNumber()) return new IntValue(n.longValue());
    if (n.isNumber()) return new NumberValue(n.doubleValue());
    if (n.isArray()) {
      List<Value> items = new ArrayList<>();
      n.forEach(e -> items.add(fromJson(e)));
      return new ListValue(items);
    }
    if (n.size() == 1 && n.fieldNames().next().startsWith("$")) {
      String tag = n.fieldNames().next();
      JsonNode x = n.get(tag);
      switch (tag) {
        case "$duration":
          return new DurationValue(x.longValue());
        case "$bytes":
          return new BytesValue(x.longValue());
        case "$percent":
          return new PercentValue(x.doubleValue());
        case "$sensitive":
          return null;
        default:
          break;
      }
    }
    Map<String, Value> m = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = n.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      Value v = fromJson(e.getValue());
      if (v != null) m.put(e.getKey(), v);
    }
    return MapValue.of(m);
  }
}
