package dev.poolform.compiler.eval;

import dev.poolform.compiler.ast.Expr;
import dev.poolform.compiler.diag.Code;
import dev.poolform.compiler.diag.Diagnostic;
import dev.poolform.compiler.diag.DiagnosticSink;
import dev.poolform.source.Span;
import dev.poolform.stdlib.functions.Builtin;
import dev.poolform.stdlib.functions.Builtins;
import dev.poolform.stdlib.functions.CallResult;
import dev.poolform.stdlib.value.Value;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Calls a built-in function with evaluated arguments and turns its failure into a diagnostic. The
 * functions are pure data-in, data-out; only {@code env()} and {@code file()} see the outside, and
 * only through the context given here (the environment, the reader, the project root).
 */
final class Calls {
  private final DiagnosticSink sink;
  private final FileReader files;
  private final Map<String, String> environment;
  private final Path projectRoot;

  /**
   * @param projectRoot {@code file()} may not read outside it; null: anywhere
   */
  Calls(DiagnosticSink sink, FileReader files, Map<String, String> environment, Path projectRoot) {
    this.sink = sink;
    this.files = files;
    this.environment = environment;
    this.projectRoot = projectRoot;
  }

  /** The result of {@code c}, or null when it failed; {@code args} are all present. */
  Value call(Expr.Call c, List<Value> args) {
    Builtin fn = Builtins.lookup(c.function().name()).orElse(null);
    if (fn == null) return null; // unknown functions were reported by resolution
    CallResult r = fn.call(args, files.context(c.span().file(), environment, projectRoot));
    if (r instanceof CallResult.Ok okr) return okr.value();
    CallResult.Failure f = (CallResult.Failure) r;
    Code code =
        switch (f.kind()) {
          case ARGUMENTS -> Code.E0305;
          case ENV_MISSING -> Code.E0408;
          case FILE -> Code.E0409;
          case ARITHMETIC -> Code.E0308;
          case LIMIT -> Code.E0314;
          case INDEX -> Code.E0309;
          case SECRET -> Code.E0311;
        };
    Diagnostic d = Diagnostic.of(code, at(c, f), f.message());
    if (code == Code.E0408)
      d = d.withHelp("Set the variable, or give a default: `env(\"NAME\", \"default\")`.");
    sink.report(d);
    return null;
  }

  /** The argument a failure names, else the whole call; a missing variable is the call's fault. */
  private static Span at(Expr.Call c, CallResult.Failure f) {
    if (f.kind() == CallResult.Kind.ENV_MISSING) return c.span();
    return f.argument() >= 0 && f.argument() < c.args().size()
        ? c.args().get(f.argument()).span()
        : c.span();
  }
}
