package dev.poolform.stdlib.functions;

import static dev.poolform.stdlib.functions.CallResult.fail;
import static dev.poolform.stdlib.functions.CallResult.failAt;
import static dev.poolform.stdlib.functions.CallResult.ok;

import dev.poolform.stdlib.functions.CallResult.Kind;
import dev.poolform.stdlib.types.Equality;
import dev.poolform.stdlib.types.Types;
import dev.poolform.stdlib.value.BoolValue;
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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;

/**
 * The functions over lists and maps ({@code concat}, {@code merge}, {@code length}, {@code keys},
 * {@code values}, {@code contains}, {@code lookup}, {@code min}, {@code max}, {@code range}); no
 * collection outgrows {@link Limits#MAX_COLLECTION}. No lambdas or streams: built-in functions run
 * on the compiler's start path (docs/architecture.md).
 */
final class CollectionFunctions {
  private CollectionFunctions() {}

  static CallResult concat(List<Value> a) {
    List<Value> out = new ArrayList<>();
    for (Value v : a) {
      out.addAll(((ListValue) v).items());
      if (out.size() > Limits.MAX_COLLECTION) {
        return fail(Kind.LIMIT, "The list would exceed " + Limits.MAX_COLLECTION + " elements.");
      }
    }
    return ok(new ListValue(out));
  }

  static CallResult merge(List<Value> a) {
    TreeMap<String, Value> out = new TreeMap<>();
    for (Value v : a) out.putAll(((MapValue) v).entries());
    return ok(new MapValue(out));
  }

  static CallResult length(List<Value> a) {
    Value v = a.get(0);
    if (v instanceof ListValue l) return ok(new IntValue(l.items().size()));
    if (v instanceof MapValue m) return ok(new IntValue(m.entries().size()));
    String s = StringFunctions.text(v);
    return ok(new IntValue(s.codePointCount(0, s.length())));
  }

  static CallResult keys(List<Value> a) {
    List<Value> out = new ArrayList<>();
    for (String k : ((MapValue) a.get(0)).entries().keySet()) out.add(new StringValue(k));
    return ok(new ListValue(out));
  }

  static CallResult values(List<Value> a) {
    return ok(new ListValue(new ArrayList<>(((MapValue) a.get(0)).entries().values())));
  }

  static CallResult contains(List<Value> a) {
    Value hay = a.get(0);
    Value needle = a.get(1);
    if (hay instanceof ListValue l) {
      for (Value e : l.items()) if (Equality.equal(e, needle)) return ok(BoolValue.TRUE);
      return ok(BoolValue.FALSE);
    }
    if (hay instanceof MapValue m) {
      if (!(needle instanceof StringValue k)) {
        return failAt(
            Kind.ARGUMENTS,
            1,
            "The key given to `contains` on a map must be a string, found "
                + Types.describe(needle)
                + ".");
      }
      return ok(BoolValue.of(m.entries().containsKey(k.value())));
    }
    if (!(needle instanceof StringValue) && !(needle instanceof SecretValue)) {
      return failAt(
          Kind.ARGUMENTS,
          1,
          "The substring given to `contains` on a string must be a string, found "
              + Types.describe(needle)
              + ".");
    }
    return ok(BoolValue.of(StringFunctions.text(hay).contains(StringFunctions.text(needle))));
  }

  static CallResult lookup(List<Value> a) {
    MapValue m = (MapValue) a.get(0);
    String key = StringFunctions.text(a.get(1));
    Value v = m.entries().get(key);
    if (v != null) return ok(v);
    if (a.size() == 3) return ok(a.get(2));
    return failAt(Kind.INDEX, 1, "The map has no key `" + key + "` and no default is given.");
  }

  static CallResult extreme(List<Value> a, int sign, String name) {
    List<Value> items = a;
    if (a.size() == 1 && a.get(0) instanceof ListValue l) {
      items = l.items();
      if (items.isEmpty())
        return failAt(Kind.ARGUMENTS, 0, "`" + name + "` of an empty list has no value.");
    }
    Value best = null;
    for (int i = 0; i < items.size(); i++) {
      Value v = items.get(i);
      if (!(v instanceof IntValue
          || v instanceof NumberValue
          || v instanceof DurationValue
          || v instanceof BytesValue
          || v instanceof PercentValue)) {
        return failAt(
            Kind.ARGUMENTS,
            a == items ? i : 0,
            "`"
                + name
                + "` compares int, number, duration, bytes or "
                + "percent values, found "
                + Types.describe(v)
                + ".");
      }
      if (best == null) {
        best = v;
        continue;
      }
      Integer c = Equality.compare(v, best);
      if (c == null) {
        return failAt(
            Kind.ARGUMENTS,
            a == items ? i : 0,
            "`"
                + name
                + "` cannot compare "
                + Types.describe(best)
                + " with "
                + Types.describe(v)
                + ".");
      }
      if (c * sign > 0) best = v;
    }
    boolean anyNumber = false;
    for (Value v : items) anyNumber |= v instanceof NumberValue;
    if (best instanceof IntValue && anyNumber) best = new NumberValue(((IntValue) best).value());
    return ok(best);
  }

  static CallResult range(List<Value> a) {
    long start = 0;
    long end;
    long step = 1;
    if (a.size() == 1) {
      end = ((IntValue) a.get(0)).value();
    } else {
      start = ((IntValue) a.get(0)).value();
      end = ((IntValue) a.get(1)).value();
      if (a.size() == 3) step = ((IntValue) a.get(2)).value();
    }
    if (step == 0) return failAt(Kind.ARGUMENTS, 2, "The step of `range` must not be zero.");
    java.math.BigInteger span =
        java.math.BigInteger.valueOf(end).subtract(java.math.BigInteger.valueOf(start));
    java.math.BigInteger n = java.math.BigInteger.ZERO;
    if (span.signum() != 0 && span.signum() == Long.signum(step)) {
      java.math.BigInteger st = java.math.BigInteger.valueOf(step).abs();
      n = span.abs().add(st).subtract(java.math.BigInteger.ONE).divide(st);
    }
    if (n.compareTo(java.math.BigInteger.valueOf(Limits.MAX_COLLECTION)) > 0) {
      return fail(
          Kind.LIMIT,
          "`range` would produce " + n + " elements; the limit is " + Limits.MAX_COLLECTION + ".");
    }
    int count = n.intValue();
    List<Value> out = new ArrayList<>(count);
    long v = start;
    for (int i = 0; i < count; i++, v += step) out.add(new IntValue(v));
    return ok(new ListValue(Collections.unmodifiableList(out)));
  }
}
