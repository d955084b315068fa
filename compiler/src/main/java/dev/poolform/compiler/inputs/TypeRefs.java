package dev.poolform.compiler.inputs;

import dev.poolform.compiler.ast.Expr;
import dev.poolform.compiler.diag.Code;
import dev.poolform.compiler.diag.Diagnostic;
import dev.poolform.compiler.diag.DiagnosticSink;
import dev.poolform.compiler.resolve.Suggest;
import dev.poolform.stdlib.types.Type;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The types a variable may declare (docs/language.md#variables): {@code string int number bool
 * duration percent bytes}, and {@code list<T>} and {@code map<T>} of them. Anything else is E0312.
 */
final class TypeRefs {
  private TypeRefs() {}

  /** The simple types by their names. */
  static final Map<String, Type> SIMPLE = new LinkedHashMap<>();

  static {
    for (Type t :
        new Type[] {
          Type.STRING, Type.INT, Type.NUMBER, Type.BOOL, Type.DURATION, Type.PERCENT, Type.BYTES
        }) {
      SIMPLE.put(t.display(), t);
    }
  }

  /** The type {@code ref} names; empty (and E0312) when it names none. */
  static Optional<Type> of(Expr.TypeRef ref, DiagnosticSink sink) {
    String n = ref.name().name();
    boolean container = n.equals("list") || n.equals("map");
    if (container && ref.element().isEmpty()) {
      sink.report(
          Diagnostic.of(Code.E0312, ref.span(), "`" + n + "` needs an element type.")
              .withHelp("Write `" + n + "<string>`, or `" + n + "<T>` for another type `T`."));
      return Optional.empty();
    }
    if (container) {
      Optional<Type> e = of(ref.element().get(), sink); // no lambda: see resolve.Loader
      if (e.isEmpty()) return e;
      return Optional.of(n.equals("list") ? Type.listOf(e.get()) : Type.mapOf(e.get()));
    }
    Type t = SIMPLE.get(n);
    if (t == null) {
      Diagnostic d = Diagnostic.of(Code.E0312, ref.name().span(), "Unknown type `" + n + "`.");
      String help = Suggest.didYouMean(n, names());
      sink.report(
          d.withHelp(
              help != null
                  ? help
                  : "The types are "
                      + String.join(", ", SIMPLE.keySet().stream().map(x -> "`" + x + "`").toList())
                      + ", `list<T>` and `map<T>`."));
      return Optional.empty();
    }
    if (ref.element().isPresent()) {
      sink.report(
          Diagnostic.of(
              Code.E0312,
              ref.span(),
              "`" + n + "` takes no element type; only `list` and `map` do."));
      return Optional.empty();
    }
    return Optional.of(t);
  }

  private static java.util.List<String> names() {
    java.util.List<String> all = new java.util.ArrayList<>(SIMPLE.keySet());
    all.add("list");
    all.add("map");
    return all;
  }
}
