package dev.poolform.stdlib.types;

import dev.poolform.stdlib.value.BytesValue;
import dev.poolform.stdlib.value.DurationValue;
import dev.poolform.stdlib.value.IntValue;
import dev.poolform.stdlib.value.ListValue;
import dev.poolform.stdlib.value.MapValue;
import dev.poolform.stdlib.value.NumberValue;
import dev.poolform.stdlib.value.PercentValue;
import dev.poolform.stdlib.value.SecretValue;
import dev.poolform.stdlib.value.StringValue;
import dev.poolform.stdlib.value.Value;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** {@code ==} (defined on every pair of values) and ordering (on values of one kind). */
public final class Equality {
  private Equality() {}

  /** Deep equality; {@code int} and {@code number} compare by value, a secret equals its text. */
  public static boolean equal(Value a, Value b) {
    if (isNumeric(a) && isNumeric(b)) return numeric(a) == numeric(b);
    if (isText(a) && isText(b)) return text(a).equals(text(b));
    if (a instanceof ListValue la && b instanceof ListValue lb) {
      List<Value> x = la.items();
      List<Value> y = lb.items();
      if (x.size() != y.size()) return false;
      for (int i = 0; i < x.size(); i++) if (!equal(x.get(i), y.get(i))) return false;
      return true;
    }
    if (a instanceof MapValue ma && b instanceof MapValue mb) {
      if (ma.entries().size() != mb.entries().size()) return false;
      Iterator<Map.Entry<String, Value>> i = ma.entries().entrySet().iterator();
      Iterator<Map.Entry<String, Value>> j = mb.entries().entrySet().iterator();
      while (i.hasNext()) {
        var x = i.next();
        var y = j.next();
        if (!x.getKey().equals(y.getKey()) || !equal(x.getValue(), y.getValue())) return false;
      }
      return true;
    }
    return a.equals(b);
  }

  /**
   * The order of two values of one kind (numbers, strings, durations, bytes, percents), or null
   * when they cannot be compared.
   */
  public static Integer compare(Value a, Value b) {
    if (a instanceof IntValue x && b instanceof IntValue y)
      return Long.compare(x.value(), y.value());
    if (isNumeric(a) && isNumeric(b)) return Double.compare(numeric(a), numeric(b));
    if (isText(a) && isText(b)) return text(a).compareTo(text(b));
    if (a instanceof DurationValue x && b instanceof DurationValue y)
      return Long.compare(x.millis(), y.millis());
    if (a instanceof BytesValue x && b instanceof BytesValue y)
      return Long.compare(x.bytes(), y.bytes());
    if (a instanceof PercentValue x && b instanceof PercentValue y)
      return Double.compare(x.value(), y.value());
    return null;
  }

  static boolean isNumeric(Value v) {
    return v instanceof IntValue || v instanceof NumberValue;
  }

  static double numeric(Value v) {
    return v instanceof IntValue i ? i.value() : ((NumberValue) v).value();
  }

  static boolean isText(Value v) {
    return v instanceof StringValue || v instanceof SecretValue;
  }

  static String text(Value v) {
    return v instanceof StringValue s ? s.value() : ((SecretValue) v).value();
  }
}
