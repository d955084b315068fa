package dev.poolform.compiler.types;

import dev.poolform.stdlib.types.Type;
import dev.poolform.stdlib.types.Types;
import dev.poolform.stdlib.value.BoolValue;
import dev.poolform.stdlib.value.BytesValue;
import dev.poolform.stdlib.value.DurationValue;
import dev.poolform.stdlib.value.IntValue;
import dev.poolform.stdlib.value.NullValue;
import dev.poolform.stdlib.value.NumberValue;
import dev.poolform.stdlib.value.PercentValue;
import dev.poolform.stdlib.value.StringValue;
import dev.poolform.stdlib.value.Value;

/**
 * What the static check may conclude from a type. It is conservative: only a {@linkplain #concrete
 * concrete} type is ever reported, and operators are asked about {@linkplain #sample sample values}
 * so the rules live once, in {@link Operators}.
 */
final class StaticTypes {
  private StaticTypes() {}

  /** A type with nothing unknown in it. */
  static boolean concrete(Type t) {
    if (t == Type.ANY || t instanceof Type.Union) return false;
    if (t instanceof Type.ListOf l) return concrete(l.element());
    if (t instanceof Type.MapOf m) return concrete(m.element());
    return true;
  }

  /** The element type of a list or map holding both; {@code int} and {@code number} join. */
  static Type join(Type a, Type b) {
    if (a == null) return b;
    if (a.equals(b)) return a;
    if (Types.assignable(a, b) && b == Type.NUMBER) return b;
    if (Types.assignable(b, a) && a == Type.NUMBER) return a;
    return Type.ANY;
  }

  /**
   * A value of a primitive type, to ask {@link Operators} whether an operator is defined; else
   * null.
   */
  static Value sample(Type t) {
    if (t == Type.INT) return new IntValue(3);
    if (t == Type.NUMBER) return new NumberValue(1.5);
    if (t == Type.STRING) return new StringValue("s");
    if (t == Type.BOOL) return BoolValue.TRUE;
    if (t == Type.DURATION) return new DurationValue(1000);
    if (t == Type.PERCENT) return new PercentValue(10);
    if (t == Type.BYTES) return new BytesValue(1024);
    if (t == Type.NULL) return NullValue.INSTANCE;
    return null;
  }
}
