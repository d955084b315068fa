package dev.poolform.compiler.types;

import dev.poolform.compiler.ast.Expr;
import dev.poolform.compiler.diag.Code;
import dev.poolform.compiler.diag.Diagnostic;
import dev.poolform.compiler.diag.DiagnosticSink;
import dev.poolform.stdlib.functions.Builtin;
import dev.poolform.stdlib.functions.Builtins;
import dev.poolform.stdlib.types.Type;
import dev.poolform.stdlib.types.Types;
import java.util.List;

/**
 * Checks a call against its built-in's signature: the number of arguments, then the first argument
 * whose known type does not fit (one error a call is enough to fix it). Unknown functions were
 * reported by resolution.
 */
final class CallTypes {
  private final DiagnosticSink sink;

  CallTypes(DiagnosticSink sink) {
    this.sink = sink;
  }

  /** The result type of {@code c} given its argument types; {@code any} for unknown functions. */
  Type check(Expr.Call c, List<Type> args) {
    Builtin fn = Builtins.lookup(c.function().name()).orElse(null);
    if (fn == null) return Type.ANY;
    int n = c.args().size();
    if (n < fn.minArgs() || n > fn.maxArgs()) {
      sink.report(
          Diagnostic.of(
              Code.E0305,
              c.span(),
              "`"
                  + fn.name()
                  + "` takes "
                  + fn.arity()
                  + ", got "
                  + n
                  + "; expected `"
                  + fn.signature()
                  + "`."));
      return fn.result();
    }
    for (int i = 0; i < n; i++) {
      Type t = args.get(i);
      if (StaticTypes.concrete(t) && !Types.assignable(t, fn.param(i))) {
        sink.report(
            Diagnostic.of(
                Code.E0305,
                c.args().get(i).span(),
                "Argument "
                    + (i + 1)
                    + " of `"
                    + fn.name()
                    + "` must be "
                    + fn.param(i).display()
                    + ", found "
                    + t.display()
                    + "; expected `"
                    + fn.signature()
                    + "`."));
        break;
      }
    }
    return fn.result();
  }
}
