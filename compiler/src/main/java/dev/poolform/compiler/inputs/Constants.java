package dev.poolform.compiler.inputs;

import dev.poolform.compiler.ast.Expr;
import dev.poolform.compiler.ast.MapEntry;
import dev.poolform.compiler.ast.StringExpr;
import dev.poolform.compiler.diag.Code;
import dev.poolform.compiler.diag.Diagnostic;
import dev.poolform.compiler.diag.DiagnosticSink;
import dev.poolform.compiler.types.TypeErrors;
import dev.poolform.source.Span;
import dev.poolform.stdlib.value.BoolValue;
import dev.poolform.stdlib.value.BytesValue;
import dev.poolform.stdlib.value.DurationValue;
import dev.poolform.stdlib.value.IntValue;
import dev.poolform.stdlib.value.ListValue;
import dev.poolform.stdlib.value.MapValue;
import dev.poolform.stdlib.value.NullValue;
import dev.poolform.stdlib.value.NumberValue;
import dev.poolform.stdlib.value.PercentValue;
import dev.poolform.stdlib.value.StringValue;
import dev.poolform.stdlib.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The value of a literal value: what a variable's {@code default}, a {@code .poolvars} file and a
 * {@code --var} may hold (docs/language.md#variable-values). Literals, strings without {@code
 * ${...}}, heredocs, and lists and maps of them; anything that would need evaluation (a name, a
 * call, an operator, {@code var.x}) is E0313, because a value is read before anything is evaluated
 * and must mean the same in every configuration.
 */
final class Constants {
  private final DiagnosticSink sink;

  Constants(DiagnosticSink sink) {
    this.sink = sink;
  }

  /** The value, or null when it is not a literal value (reported). */
  Value of(Expr e) {
    if (e instanceof Expr.Literal l) return literal(l);
    if (e instanceof StringExpr s) {
      if (s.isConstant()) return new StringValue(s.constantText());
      return notLiteral(s.span(), "a string with `${...}`");
    }
    if (e instanceof Expr.Paren p) return of(p.inner());
    if (e instanceof Expr.ListExpr l) return list(l);
    if (e instanceof Expr.MapExpr m) return map(m);
    if (e instanceof Expr.Invalid) return null; // the parser reported it
    if (e instanceof Expr.Name n) {
      return notLiteral(
          n.span(), "the name `" + n.name() + "`", "Strings are quoted: `\"" + n.name() + "\"`.");
    }
    return notLiteral(e.span(), what(e));
  }

  private Value literal(Expr.Literal l) {
    Object v = l.value();
    return switch (l.kind()) {
      case INT -> new IntValue(((Number) v).longValue());
      case NUMBER -> new NumberValue(((Number) v).doubleValue());
      case BOOL -> BoolValue.of(Boolean.TRUE.equals(v));
      case NULL -> NullValue.INSTANCE;
      case DURATION -> new DurationValue(((Number) v).longValue());
      case PERCENT -> new PercentValue(((Number) v).doubleValue());
      case BYTES -> new BytesValue(((Number) v).longValue());
      case EXTERNAL -> {
        sink.report(TypeErrors.externalOutsideDesired(l.span()));
        yield null;
      }
    };
  }

  private Value list(Expr.ListExpr l) {
    List<Value> items = new ArrayList<>(l.items().size());
    boolean ok = true;
    for (Expr x : l.items()) {
      Value v = of(x);
      if (v == null) ok = false;
      else items.add(v);
    }
    return ok ? new ListValue(items) : null;
  }

  /** Keys are names or strings without {@code ${...}}; a key given twice is E0304. */
  private Value map(Expr.MapExpr m) {
    TreeMap<String, Value> out = new TreeMap<>();
    Map<String, Span> firstAt = new HashMap<>();
    boolean ok = true;
    for (MapEntry entry : m.entries()) {
      Value v = of(entry.value());
      if (!(entry.key() instanceof StringExpr k) || !k.isConstant()) {
        notLiteral(entry.key().span(), "a computed key");
        ok = false;
        continue;
      }
      String key = k.constantText();
      Span first = firstAt.putIfAbsent(key, k.span());
      if (first != null) {
        sink.report(
            Diagnostic.of(Code.E0304, k.span(), "Key `" + key + "` is given twice in this map.")
                .withNote(first, "first given here"));
        ok = false;
      } else if (v == null) {
        ok = false;
      } else {
        out.put(key, v);
      }
    }
    return ok ? new MapValue(out) : null;
  }

  private Value notLiteral(Span at, String what) {
    return notLiteral(
        at,
        what,
        "Write the value itself: a number, a quoted string, `30s`, `25%`, `64GiB`, `true`,"
            + " or a list or map of those.");
  }

  private Value notLiteral(Span at, String what, String help) {
    sink.report(
        Diagnostic.of(
                Code.E0313, at, "A variable's value must be a literal value, not " + what + ".")
            .withHelp(help));
    return null;
  }

  private static String what(Expr e) {
    if (e instanceof Expr.Var v) return "`var." + v.name().name() + "`";
    if (e instanceof Expr.Call c) return "a call of `" + c.function().name() + "()`";
    if (e instanceof Expr.Conditional) return "a conditional";
    if (e instanceof Expr.Member || e instanceof Expr.Index) return "a reference";
    return "an expression to evaluate";
  }
}
