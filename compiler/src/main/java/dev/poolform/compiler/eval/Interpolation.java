package dev.poolform.compiler.eval;

import dev.poolform.compiler.ast.StringExpr;
import dev.poolform.compiler.ast.StringPart;
import dev.poolform.compiler.diag.Code;
import dev.poolform.compiler.diag.Diagnostic;
import dev.poolform.compiler.diag.DiagnosticSink;
import dev.poolform.compiler.types.TypeErrors;
import dev.poolform.stdlib.functions.Limits;
import dev.poolform.stdlib.types.Types;
import dev.poolform.stdlib.types.ValueText;
import dev.poolform.stdlib.value.ListValue;
import dev.poolform.stdlib.value.SecretValue;
import dev.poolform.stdlib.value.StringValue;
import dev.poolform.stdlib.value.Value;

/**
 * Evaluates a string with {@code ${...}} parts. A secret interpolated anywhere makes the whole
 * string secret, so it cannot leak by being embedded in a plain one. The length is checked as the
 * string grows, so a huge result stops early instead of exhausting memory.
 */
final class Interpolation {
  private final DiagnosticSink sink;
  private final Expressions expressions;

  Interpolation(DiagnosticSink sink, Expressions expressions) {
    this.sink = sink;
    this.expressions = expressions;
  }

  Value eval(StringExpr s, Env env) {
    if (s.parts().size() == 1 && s.parts().get(0) instanceof StringPart.Text t)
      return new StringValue(t.text());
    StringBuilder sb = new StringBuilder();
    boolean secret = false;
    boolean ok = true;
    for (StringPart p : s.parts()) {
      if (p instanceof StringPart.Text t) {
        sb.append(t.text());
      } else {
        Value v = part((StringPart.Interpolation) p, env);
        if (v == null) {
          ok = false;
          continue;
        }
        secret |= v instanceof SecretValue;
        sb.append(ValueText.text(v));
      }
      if (sb.length() > Limits.MAX_STRING) {
        sink.report(
            Diagnostic.of(
                Code.E0314,
                s.span(),
                "The string would exceed " + Limits.MAX_STRING + " characters."));
        return null;
      }
    }
    if (!ok) return null;
    return secret ? new SecretValue(sb.toString()) : new StringValue(sb.toString());
  }

  /** The value of one {@code ${...}}, or null when it failed or has no text form. */
  private Value part(StringPart.Interpolation i, Env env) {
    Value v = expressions.eval(i.expr(), env);
    if (v == null) return null;
    if (!ValueText.interpolatable(v)) {
      sink.report(
          TypeErrors.interpolation(i.expr().span(), Types.describe(v), v instanceof ListValue));
      return null;
    }
    return v;
  }
}
