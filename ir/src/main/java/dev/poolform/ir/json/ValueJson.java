package dev.poolform.ir.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolform.stdlib.value.BoolValue;
import dev.poolform.stdlib.value.BytesValue;
import dev.poolform.stdlib.value.CloudValue;
import dev.poolform.stdlib.value.DurationValue;
import dev.poolform.stdlib.value.ExternalValue;
import dev.poolform.stdlib.value.IntValue;
import dev.poolform.stdlib.value.ListValue;
import dev.poolform.stdlib.value.Literals;
import dev.poolform.stdlib.value.MapValue;
import dev.poolform.stdlib.value.NullValue;
import dev.poolform.stdlib.value.NumberValue;
import dev.poolform.stdlib.value.PercentValue;
import dev.poolform.stdlib.value.SecretValue;
import dev.poolform.stdlib.value.StringValue;
import dev.poolform.stdlib.value.Value;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Language values as JSON, the way users wrote them: durations {@code "30s"}, sizes {@code
 * "64GiB"}, percentages {@code "25%"}, {@code external} as {@code "external"}, and a secret as the
 * keyed digest the runtime sealed it with ({@link SecretValue#shown}), or {@code "(sensitive)"}
 * before that: never the value, nor a plain hash of it.
 *
 * <p>Reading back ({@link #fromJson}) is needed only where the engine must rebuild a value it no
 * longer has in the configuration (the previous machine spec for an automatic rollback, the
 * settings of a cloud that was removed from the configuration). JSON does not say whether {@code
 * "30s"} was a duration or a string, so the reader takes a template value of the wanted type when
 * it has one, and otherwise recognises duration literals and leaves everything else a string.
 */
public final class ValueJson {
  private ValueJson() {}

  public static JsonNode toJson(Value v) {
    if (v instanceof StringValue s) return CanonicalJson.NODES.textNode(s.value());
    if (v instanceof SecretValue s) return CanonicalJson.NODES.textNode(s.shown());
    if (v instanceof IntValue i) return CanonicalJson.NODES.numberNode(i.value());
    if (v instanceof NumberValue n) {
      double d = n.value();
      return CanonicalJson.NODES.numberNode(new java.math.BigDecimal(Double.toString(d)));
    }
    if (v instanceof BoolValue b) return CanonicalJson.NODES.booleanNode(b.value());
    if (v instanceof NullValue) return CanonicalJson.NODES.nullNode();
    if (v instanceof ExternalValue) return CanonicalJson.NODES.textNode("external");
    if (v instanceof DurationValue d) return CanonicalJson.NODES.textNode(d.toString());
    if (v instanceof PercentValue p) return CanonicalJson.NODES.textNode(p.toString());
    if (v instanceof BytesValue b) return CanonicalJson.NODES.textNode(b.toString());
    if (v instanceof ListValue l) {
      ArrayNode a = CanonicalJson.array();
      for (Value e : l.items()) a.add(toJson(e));
      return a;
    }
    if (v instanceof MapValue m) {
      ObjectNode o = CanonicalJson.object();
      for (Map.Entry<String, Value> e : m.entries().entrySet())
        o.set(e.getKey(), toJson(e.getValue()));
      return o;
    }
    if (v instanceof CloudValue c) {
      ObjectNode o = CanonicalJson.object();
      o.put("kind", c.kind());
      o.put("name", c.name());
      return o;
    }
    throw new IllegalStateException("unknown value kind " + v.typeName());
  }

  /** True if {@code n} stands for a secret: its digest, or {@code "(sensitive)"} (no value). */
  public static boolean isDigest(JsonNode n) {
    return n.isTextual() && SecretValue.isShown(n.asText());
  }

  /**
   * Rebuilds a value from its JSON. {@code template} (may be empty) is a value of the wanted type,
   * e.g. the same attribute in the current configuration. A secret digest is only read back when
   * the template is a secret with the same digest; otherwise this returns empty.
   */
  public static Optional<Value> fromJson(JsonNode n, Optional<Value> template) {
    Value t = template.orElse(null);
    if (n == null || n.isNull()) return Optional.of(NullValue.INSTANCE);
    if (n.isObject()) {
      MapValue tm = t instanceof MapValue m ? m : MapValue.EMPTY;
      TreeMap<String, Value> out = new TreeMap<>();
      var it = n.properties().iterator();
      while (it.hasNext()) {
        var e = it.next();
        Optional<Value> v =
            fromJson(e.getValue(), Optional.ofNullable(tm.entries().get(e.getKey())));
        if (v.isEmpty()) return Optional.empty();
        out.put(e.getKey(), v.get());
      }
      return Optional.of(new MapValue(out));
    }
    if (n.isArray()) {
      java.util.List<Value> items = new java.util.ArrayList<>();
      java.util.List<Value> tl = t instanceof ListValue l ? l.items() : java.util.List.of();
      for (int i = 0; i < n.size(); i++) {
        Optional<Value> et =
            tl.isEmpty() ? Optional.empty() : Optional.of(tl.get(Math.min(i, tl.size() - 1)));
        Optional<Value> v = fromJson(n.get(i), et);
        if (v.isEmpty()) return Optional.empty();
        items.add(v.get());
      }
      return Optional.of(new ListValue(items));
    }
    if (n.isBoolean()) return Optional.of(BoolValue.of(n.asBoolean()));
    if (n.isIntegralNumber() && !(t instanceof NumberValue))
      return Optional.of(new IntValue(n.asLong()));
    if (n.isNumber()) return Optional.of(new NumberValue(n.asDouble()));
    String s = n.asText();
    if (isDigest(n)) {
      if (t instanceof SecretValue sv && sv.digest().equals(Optional.of(s))) return Optional.of(sv);
      return Optional.empty();
    }
    if (t instanceof DurationValue) return literal(s, Literals::parseDuration, DurationValue::new);
    if (t instanceof BytesValue) return literal(s, Literals::parseBytes, BytesValue::new);
    if (t instanceof PercentValue) return literal(s, Literals::parsePercent, PercentValue::new);
    if (t instanceof ExternalValue && s.equals("external"))
      return Optional.of(ExternalValue.INSTANCE);
    if (t == null) return literal(s, Literals::parseDuration, DurationValue::new);
    return Optional.of(new StringValue(s));
  }

  /** The literal {@code text} reads as, through the literal codec; a string if it does not. */
  private static <T> Optional<Value> literal(
      String text,
      java.util.function.Function<String, T> parse,
      java.util.function.Function<T, Value> make) {
    try {
      return Optional.of(make.apply(parse.apply(text)));
    } catch (Literals.LiteralFormatException e) {
      return Optional.of(new StringValue(text));
    }
  }
}
