package dev.poolform.compiler.inputs;

import dev.poolform.compiler.diag.Code;
import dev.poolform.compiler.diag.Diagnostic;
import dev.poolform.compiler.diag.DiagnosticSink;
import dev.poolform.source.Span;
import dev.poolform.stdlib.types.Type;
import dev.poolform.stdlib.types.Types;
import dev.poolform.stdlib.value.IntValue;
import dev.poolform.stdlib.value.ListValue;
import dev.poolform.stdlib.value.Literals;
import dev.poolform.stdlib.value.MapValue;
import dev.poolform.stdlib.value.NullValue;
import dev.poolform.stdlib.value.NumberValue;
import dev.poolform.stdlib.value.SecretValue;
import dev.poolform.stdlib.value.StringValue;
import dev.poolform.stdlib.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks a value against its variable's type and makes it the variable's value: {@code null} fits
 * every type (it means "not set", as everywhere in the language); an {@code int} where a {@code
 * number} is declared becomes a number; a sensitive variable's strings become secrets, so they are
 * treated like {@code secret()} values from then on.
 */
final class Conformance {
  private Conformance() {}

  /** The variable's value, or null after reporting E0301. */
  static Value check(Variable v, Value value, Span at, DiagnosticSink sink) {
    if (v.type() == Type.ANY) return null; // the declaration is wrong: reported
    if (value == NullValue.INSTANCE) return value;
    if (!Types.conforms(value, v.type())) {
      sink.report(mismatch(v, at, Types.describe(value) + where(value, v.type(), "")));
      return null;
    }
    Value typed = widen(value, v.type());
    return v.sensitive() ? secret(typed) : typed;
  }

  /** E0301: a value for {@code v} that is not of its type; {@code found} says what it is. */
  static Diagnostic mismatch(Variable v, Span at, String found) {
    return Diagnostic.of(
        Code.E0301,
        at,
        "Expected " + v.type().display() + " for `var." + v.name() + "`, found " + found + ".");
  }

  /**
   * Where in a list or map the first element of the wrong type is: {@code ": `[1]` is int"}, or
   * nothing when the value itself is of the wrong kind.
   */
  private static String where(Value value, Type type, String path) {
    if (type instanceof Type.ListOf l && value instanceof ListValue lv) {
      for (int i = 0; i < lv.items().size(); i++) {
        String at = where(lv.items().get(i), l.element(), path + "[" + i + "]");
        if (!at.isEmpty()) return at;
      }
      return "";
    }
    if (type instanceof Type.MapOf m && value instanceof MapValue mv) {
      for (Map.Entry<String, Value> e : mv.entries().entrySet()) {
        String at = where(e.getValue(), m.element(), path + "[" + Literals.quote(e.getKey()) + "]");
        if (!at.isEmpty()) return at;
      }
      return "";
    }
    if (path.isEmpty() || Types.conforms(value, type)) return "";
    return ": `" + path + "` is " + Types.describe(value);
  }

  private static Value widen(Value value, Type type) {
    if (type == Type.NUMBER && value instanceof IntValue i) return new NumberValue(i.value());
    if (type instanceof Type.ListOf l && value instanceof ListValue lv) {
      List<Value> items = new ArrayList<>();
      for (Value e : lv.items()) items.add(widen(e, l.element()));
      return new ListValue(items);
    }
    if (type instanceof Type.MapOf m && value instanceof MapValue mv) {
      TreeMap<String, Value> out = new TreeMap<>();
      for (Map.Entry<String, Value> e : mv.entries().entrySet())
        out.put(e.getKey(), widen(e.getValue(), m.element()));
      return new MapValue(out);
    }
    return value;
  }

  private static Value secret(Value value) {
    if (value instanceof StringValue s) return new SecretValue(s.value());
    if (value instanceof ListValue l) {
      List<Value> items = new ArrayList<>();
      for (Value e : l.items()) items.add(secret(e));
      return new ListValue(items);
    }
    if (value instanceof MapValue m) {
      TreeMap<String, Value> out = new TreeMap<>();
      for (Map.Entry<String, Value> e : m.entries().entrySet())
        out.put(e.getKey(), secret(e.getValue()));
      return new MapValue(out);
    }
    return value;
  }
}
