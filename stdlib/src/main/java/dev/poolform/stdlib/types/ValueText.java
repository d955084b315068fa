package dev.poolform.stdlib.types;

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

/** How values read as text: in interpolation, {@code format("%v")} and messages. */
public final class ValueText {
  private ValueText() {}

  /** Whether {@code "${v}"} is allowed: strings, numbers, bools, durations, percents, bytes. */
  public static boolean interpolatable(Value v) {
    return v instanceof StringValue
        || v instanceof SecretValue
        || v instanceof IntValue
        || v instanceof NumberValue
        || v instanceof BoolValue
        || v instanceof DurationValue
        || v instanceof PercentValue
        || v instanceof BytesValue;
  }

  /** The plain text of a value: strings as they are, others in their canonical literal form. */
  public static String text(Value v) {
    if (v instanceof StringValue s) return s.value();
    if (v instanceof SecretValue s) return s.value();
    return literal(v);
  }

  /** The value as it would be written in a {@code .pool} file (strings quoted, secrets hidden). */
  public static String literal(Value v) {
    if (v instanceof StringValue s) return Literals.quote(s.value());
    if (v instanceof SecretValue) return "(sensitive)";
    if (v instanceof IntValue i) return Long.toString(i.value());
    if (v instanceof NumberValue n) return Literals.formatNumber(n.value());
    if (v instanceof BoolValue b) return Boolean.toString(b.value());
    if (v instanceof DurationValue d) return Literals.formatDuration(d.millis());
    if (v instanceof PercentValue p) return p.toString();
    if (v instanceof BytesValue b) return Literals.formatBytes(b.bytes());
    if (v instanceof NullValue) return "null";
    if (v instanceof ExternalValue) return "external";
    if (v instanceof CloudValue c) return c.name();
    if (v instanceof ListValue l) {
      StringBuilder sb = new StringBuilder("[");
      for (int i = 0; i < l.items().size(); i++) {
        if (i > 0) sb.append(", ");
        sb.append(literal(l.items().get(i)));
      }
      return sb.append(']').toString();
    }
    MapValue m = (MapValue) v;
    StringBuilder sb = new StringBuilder("{");
    boolean first = true;
    for (Map.Entry<String, Value> e : m.entries().entrySet()) {
      sb.append(first ? " " : ", ");
      first = false;
      sb.append(Literals.key(e.getKey()));
      sb.append(" = ").append(literal(e.getValue()));
    }
    return sb.append(first ? "}" : " }").toString();
  }
}
