package dev.poolform.compiler.eval;

import dev.poolform.compiler.ast.Expr;
import dev.poolform.compiler.ast.MapEntry;
import dev.poolform.compiler.diag.Code;
import dev.poolform.compiler.diag.Diagnostic;
import dev.poolform.compiler.diag.DiagnosticSink;
import dev.poolform.source.Span;
import dev.poolform.stdlib.types.Types;
import dev.poolform.stdlib.value.MapValue;
import dev.poolform.stdlib.value.SecretValue;
import dev.poolform.stdlib.value.StringValue;
import dev.poolform.stdlib.value.Value;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Evaluates a map literal {@code { key = value, ... }}. A bare key is its own name, any other key
 * an expression that must give a string; a key given twice is an error that points at the first.
 * Values are still evaluated after a failed key, so their own errors are reported too.
 */
final class MapLiterals {
  private final DiagnosticSink sink;
  private final Expressions expressions;

  MapLiterals(DiagnosticSink sink, Expressions expressions) {
    this.sink = sink;
    this.expressions = expressions;
  }

  Value eval(Expr.MapExpr m, Env env) {
    TreeMap<String, Value> out = new TreeMap<>();
    Map<String, Span> firstAt = new HashMap<>();
    boolean ok = true;
    for (MapEntry entry : m.entries()) {
      String key;
      if (entry.bareKey() && entry.key() instanceof Expr.Name n) {
        key = n.name();
      } else {
        Value k = expressions.eval(entry.key(), env);
        if (k == null) {
          ok = false;
          expressions.eval(entry.value(), env);
          continue;
        }
        if (k instanceof SecretValue) {
          sink.report(
              Diagnostic.of(
                  Code.E0310,
                  entry.key().span(),
                  "A map key cannot be a secret: keys are shown in plans and state, and labels"
                      + " become tags. Only values can be secret."));
          ok = false;
          expressions.eval(entry.value(), env);
          continue;
        }
        if (!(k instanceof StringValue sk)) {
          sink.report(
              Diagnostic.of(
                  Code.E0301,
                  entry.key().span(),
                  "Expected string, found " + Types.describe(k) + "; map keys are strings."));
          ok = false;
          continue;
        }
        key = sk.value();
      }
      Value v = expressions.eval(entry.value(), env);
      if (firstAt.containsKey(key)) {
        sink.report(
            Diagnostic.of(
                    Code.E0304, entry.key().span(), "Key `" + key + "` is given twice in this map.")
                .withNote(firstAt.get(key), "first given here"));
        continue;
      }
      firstAt.put(key, entry.key().span());
      if (v == null) ok = false;
      else out.put(key, v);
    }
    return ok ? new MapValue(out) : null;
  }
}
