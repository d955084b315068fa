package dev.poolform.compiler.types;

import dev.poolform.compiler.ast.Expr.BinaryOp;
import dev.poolform.compiler.ast.Expr.UnaryOp;
import dev.poolform.compiler.diag.Code;
import dev.poolform.stdlib.functions.Limits;
import dev.poolform.stdlib.types.Equality;
import dev.poolform.stdlib.types.Types;
import dev.poolform.stdlib.value.BoolValue;
import dev.poolform.stdlib.value.BytesValue;
import dev.poolform.stdlib.value.DurationValue;
import dev.poolform.stdlib.value.IntValue;
import dev.poolform.stdlib.value.ListValue;
import dev.poolform.stdlib.value.NumberValue;
import dev.poolform.stdlib.value.PercentValue;
import dev.poolform.stdlib.value.SecretValue;
import dev.poolform.stdlib.value.StringValue;
import dev.poolform.stdlib.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * The operators (docs/language.md#operators) on values. {@code +} adds numbers and concatenates
 * strings and lists; durations, bytes and percentages add to their own kind; {@code int * percent}
 * is an int rounded up ({@code 10 * 25% == 3}); comparisons need operands of one kind; {@code ==}
 * and {@code !=} apply to everything but secrets (E0311: the result would reveal them). {@code &&}
 * and {@code ||} short-circuit, so the evaluator handles them.
 */
public final class Operators {
  private Operators() {}

  public static OpResult unary(UnaryOp op, Value v) {
    if (op == UnaryOp.NOT) {
      if (v instanceof BoolValue b) return OpResult.ok(BoolValue.of(!b.value()));
      return undefined("!", v);
    }
    try {
      if (v instanceof IntValue i) return OpResult.ok(new IntValue(Math.negateExact(i.value())));
      if (v instanceof NumberValue n) return OpResult.ok(new NumberValue(-n.value()));
      if (v instanceof DurationValue d)
        return OpResult.ok(new DurationValue(Math.negateExact(d.millis())));
      if (v instanceof PercentValue p) return OpResult.ok(new PercentValue(-p.value()));
    } catch (ArithmeticException e) {
      return overflow();
    }
    return undefined("-", v);
  }

  public static OpResult binary(BinaryOp op, Value l, Value r) {
    if (comparison(op) && (SecretValue.within(l) || SecretValue.within(r))) {
      return OpResult.error(
          Code.E0311,
          "`"
              + op.symbol
              + "` on a secret would reveal it (through the branch or value the result picks);"
              + " secrets cannot be compared.");
    }
    try {
      return switch (op) {
        case ADD -> add(l, r);
        case SUB -> sub(l, r);
        case MUL -> mul(l, r);
        case DIV, MOD -> div(op, l, r);
        case LT, LE, GT, GE -> compare(op, l, r);
        case EQ -> OpResult.ok(BoolValue.of(Equality.equal(l, r)));
        case NE -> OpResult.ok(BoolValue.of(!Equality.equal(l, r)));
        case AND, OR -> logic(op, l, r);
      };
    } catch (ArithmeticException e) {
      return overflow();
    }
  }

  private static boolean comparison(BinaryOp op) {
    return switch (op) {
      case EQ, NE, LT, LE, GT, GE -> true;
      default -> false;
    };
  }

  private static OpResult add(Value l, Value r) {
    if (l instanceof IntValue a && r instanceof IntValue b)
      return OpResult.ok(new IntValue(Math.addExact(a.value(), b.value())));
    if (numeric(l) && numeric(r)) return number(num(l) + num(r));
    if (text(l) && text(r)) {
      String a = str(l);
      String b = str(r);
      if ((long) a.length() + b.length() > Limits.MAX_STRING) {
        return OpResult.error(
            Code.E0314, "The string would exceed " + Limits.MAX_STRING + " characters.");
      }
      String s = a + b;
      return OpResult.ok(
          l instanceof SecretValue || r instanceof SecretValue
              ? new SecretValue(s)
              : new StringValue(s));
    }
    if (l instanceof ListValue a && r instanceof ListValue b) {
      if ((long) a.items().size() + b.items().size() > Limits.MAX_COLLECTION) {
        return OpResult.error(
            Code.E0314, "The list would exceed " + Limits.MAX_COLLECTION + " elements.");
      }
      List<Value> all = new ArrayList<>(a.items().size() + b.items().size());
      all.addAll(a.items());
      all.addAll(b.items());
      return OpResult.ok(new ListValue(all));
    }
    if (l instanceof DurationValue a && r instanceof DurationValue b) {
      return OpResult.ok(new DurationValue(Math.addExact(a.millis(), b.millis())));
    }
    if (l instanceof BytesValue a && r instanceof BytesValue b)
      return OpResult.ok(new BytesValue(Math.addExact(a.bytes(), b.bytes())));
    if (l instanceof PercentValue a && r instanceof PercentValue b)
      return OpResult.ok(new PercentValue(a.value() + b.value()));
    return undefined("+", l, r);
  }

  private static OpResult sub(Value l, Value r) {
    if (l instanceof IntValue a && r instanceof IntValue b)
      return OpResult.ok(new IntValue(Math.subtractExact(a.value(), b.value())));
    if (numeric(l) && numeric(r)) return number(num(l) - num(r));
    if (l instanceof DurationValue a && r instanceof DurationValue b) {
      return OpResult.ok(new DurationValue(Math.subtractExact(a.millis(), b.millis())));
    }
    if (l instanceof BytesValue a && r instanceof BytesValue b) {
      return OpResult.ok(new BytesValue(Math.subtractExact(a.bytes(), b.bytes())));
    }
    if (l instanceof PercentValue a && r instanceof PercentValue b)
      return OpResult.ok(new PercentValue(a.value() - b.value()));
    return undefined("-", l, r);
  }

  private static OpResult mul(Value l, Value r) {
    if (l instanceof IntValue a && r instanceof IntValue b)
      return OpResult.ok(new IntValue(Math.multiplyExact(a.value(), b.value())));
    if (numeric(l) && numeric(r)) return number(num(l) * num(r));
    if (l instanceof PercentValue || r instanceof PercentValue) {
      Value p = l instanceof PercentValue ? l : r;
      Value o = p == l ? r : l;
      double pct = ((PercentValue) p).value();
      if (o instanceof IntValue i) {
        double exact = i.value() * pct / 100.0;
        double up = Math.ceil(exact - 1e-9);
        if (Math.abs(up) > 9.2e18) return overflow();
        return OpResult.ok(new IntValue((long) up));
      }
      if (o instanceof NumberValue n) return number(n.value() * pct / 100.0);
      if (o instanceof DurationValue d)
        return OpResult.ok(new DurationValue((long) Math.ceil(d.millis() * pct / 100.0 - 1e-9)));
      if (o instanceof BytesValue b)
        return OpResult.ok(new BytesValue((long) Math.ceil(b.bytes() * pct / 100.0 - 1e-9)));
    }
    if (l instanceof IntValue i && r instanceof DurationValue d)
      return OpResult.ok(new DurationValue(Math.multiplyExact(i.value(), d.millis())));
    if (l instanceof DurationValue d && r instanceof IntValue i)
      return OpResult.ok(new DurationValue(Math.multiplyExact(i.value(), d.millis())));
    if (l instanceof IntValue i && r instanceof BytesValue b)
      return OpResult.ok(new BytesValue(Math.multiplyExact(i.value(), b.bytes())));
    if (l instanceof BytesValue b && r instanceof IntValue i)
      return OpResult.ok(new BytesValue(Math.multiplyExact(i.value(), b.bytes())));
    return undefined("*", l, r);
  }

  private static OpResult div(BinaryOp op, Value l, Value r) {
    String sym = op.symbol;
    if (l instanceof IntValue a && r instanceof IntValue b) {
      if (b.value() == 0) return OpResult.error(Code.E0308, "Division by zero.");
      if (a.value() == Long.MIN_VALUE && b.value() == -1) return overflow();
      return OpResult.ok(
          new IntValue(op == BinaryOp.DIV ? a.value() / b.value() : a.value() % b.value()));
    }
    if (numeric(l) && numeric(r)) {
      if (num(r) == 0) return OpResult.error(Code.E0308, "Division by zero.");
      return number(op == BinaryOp.DIV ? num(l) / num(r) : num(l) % num(r));
    }
    if (op == BinaryOp.DIV && l instanceof DurationValue d && r instanceof IntValue i) {
      if (i.value() == 0) return OpResult.error(Code.E0308, "Division by zero.");
      return OpResult.ok(new DurationValue(d.millis() / i.value()));
    }
    if (op == BinaryOp.DIV && l instanceof BytesValue b && r instanceof IntValue i) {
      if (i.value() == 0) return OpResult.error(Code.E0308, "Division by zero.");
      return OpResult.ok(new BytesValue(b.bytes() / i.value()));
    }
    return undefined(sym, l, r);
  }

  private static OpResult compare(BinaryOp op, Value l, Value r) {
    Integer c = Equality.compare(l, r);
    if (c == null) return undefined(op.symbol, l, r);
    boolean b =
        switch (op) {
          case LT -> c < 0;
          case LE -> c <= 0;
          case GT -> c > 0;
          default -> c >= 0;
        };
    return OpResult.ok(BoolValue.of(b));
  }

  private static OpResult logic(BinaryOp op, Value l, Value r) {
    if (l instanceof BoolValue a && r instanceof BoolValue b) {
      return OpResult.ok(
          BoolValue.of(op == BinaryOp.AND ? a.value() && b.value() : a.value() || b.value()));
    }
    return undefined(op.symbol, l, r);
  }

  private static boolean numeric(Value v) {
    return v instanceof IntValue || v instanceof NumberValue;
  }

  private static double num(Value v) {
    return v instanceof IntValue i ? i.value() : ((NumberValue) v).value();
  }

  private static boolean text(Value v) {
    return v instanceof StringValue || v instanceof SecretValue;
  }

  private static String str(Value v) {
    return v instanceof StringValue s ? s.value() : ((SecretValue) v).value();
  }

  private static OpResult number(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d))
      return OpResult.error(Code.E0308, "The result is not a finite number.");
    return OpResult.ok(new NumberValue(d));
  }

  private static OpResult overflow() {
    return OpResult.error(Code.E0308, "The result overflows a 64-bit integer.");
  }

  private static OpResult undefined(String op, Value v) {
    return OpResult.error(
        Code.E0307, "Operator `" + op + "` is not defined for " + Types.describe(v) + ".");
  }

  private static OpResult undefined(String op, Value l, Value r) {
    return OpResult.error(
        Code.E0307,
        "Operator `"
            + op
            + "` is not defined for "
            + Types.describe(l)
            + " and "
            + Types.describe(r)
            + ".");
  }
}
