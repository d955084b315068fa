package dev.poolform.stdlib.types;

import dev.poolform.stdlib.value.BoolValue;
import dev.poolform.stdlib.value.BytesValue;
import dev.poolform.stdlib.value.CloudValue;
import dev.poolform.stdlib.value.DurationValue;
import dev.poolform.stdlib.value.ExternalValue;
import dev.poolform.stdlib.value.IntValue;
import dev.poolform.stdlib.value.ListValue;
import dev.poolform.stdlib.value.MapValue;
import dev.poolform.stdlib.value.NullValue;
import dev.poolform.stdlib.value.NumberValue;
import dev.poolform.stdlib.value.PercentValue;
import dev.poolform.stdlib.value.SecretValue;
import dev.poolform.stdlib.value.StringValue;
import dev.poolform.stdlib.value.Value;

/** Assignability and the type of a value. */
public final class Types {
  private Types() {}

  /**
   * Whether a value of type {@code from} may be used where {@code to} is expected. {@code int}
   * widens to {@code number}; {@code any} goes both ways (unknown statically); nothing else
   * converts.
   */
  public static boolean assignable(Type from, Type to) {
    // Structural, without the records' equals(): the first call of a record's equals() links
    // it at run time, a cost a cold `pool validate` paid here (docs/BENCHMARKS.md#cold-start).
    if (from == Type.ANY || to == Type.ANY || from == to) return true;
    if (from instanceof Type.Union u) {
      for (Type m : u.members()) if (!assignable(m, to)) return false;
      return true;
    }
    if (to instanceof Type.Union u) {
      for (Type m : u.members()) if (assignable(from, m)) return true;
      return false;
    }
    if (from == Type.INT && to == Type.NUMBER) return true;
    if (from instanceof Type.ListOf a && to instanceof Type.ListOf b)
      return assignable(a.element(), b.element());
    if (from instanceof Type.MapOf a && to instanceof Type.MapOf b)
      return assignable(a.element(), b.element());
    if (from instanceof Type.CloudOf a && to instanceof Type.CloudOf b) {
      return b.kind().equals("*") || a.kind().equals(b.kind());
    }
    if (from instanceof Type.Block a && to instanceof Type.Block b)
      return a.name().equals(b.name());
    return false;
  }

  /** Whether a value conforms to a type (deep for lists and maps). */
  public static boolean conforms(Value v, Type to) {
    if (to == Type.ANY) return true;
    if (to instanceof Type.Union u) {
      for (Type m : u.members()) if (conforms(v, m)) return true;
      return false;
    }
    if (to instanceof Type.ListOf l) {
      if (!(v instanceof ListValue lv)) return false;
      for (Value e : lv.items()) if (!conforms(e, l.element())) return false;
      return true;
    }
    if (to instanceof Type.MapOf m) {
      if (!(v instanceof MapValue mv)) return false;
      for (Value e : mv.entries().values()) if (!conforms(e, m.element())) return false;
      return true;
    }
    if (to instanceof Type.CloudOf c) {
      return v instanceof CloudValue cv && (c.kind().equals("*") || c.kind().equals(cv.kind()));
    }
    if (to instanceof Type.Block) return v instanceof MapValue;
    return assignable(shallow(v), to);
  }

  /** The type of a value; lists and maps report their element type when all elements agree. */
  public static Type of(Value v) {
    if (v instanceof ListValue l) return Type.listOf(common(l.items()));
    if (v instanceof MapValue m) return Type.mapOf(common(m.entries().values()));
    return shallow(v);
  }

  private static Type common(Iterable<Value> vs) {
    Type t = null;
    for (Value v : vs) {
      Type e = of(v);
      if (t == null) t = e;
      else if (!t.equals(e)) {
        if (assignable(t, e)) t = e;
        else if (!assignable(e, t)) return Type.ANY;
      }
    }
    return t == null ? Type.ANY : t;
  }

  private static Type shallow(Value v) {
    if (v instanceof StringValue || v instanceof SecretValue) return Type.STRING;
    if (v instanceof IntValue) return Type.INT;
    if (v instanceof NumberValue) return Type.NUMBER;
    if (v instanceof BoolValue) return Type.BOOL;
    if (v instanceof DurationValue) return Type.DURATION;
    if (v instanceof PercentValue) return Type.PERCENT;
    if (v instanceof BytesValue) return Type.BYTES;
    if (v instanceof NullValue) return Type.NULL;
    if (v instanceof ExternalValue) return Type.EXTERNAL;
    if (v instanceof CloudValue c) return new Type.CloudOf(c.kind());
    if (v instanceof ListValue) return Type.listOf(Type.ANY);
    return Type.mapOf(Type.ANY);
  }

  /** The type's name for a value in messages, e.g. {@code list<string>}. */
  public static String describe(Value v) {
    return of(v).display();
  }
}
