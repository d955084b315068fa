package dev.poolform.compiler.resolve;

import dev.poolform.compiler.ast.Body;
import dev.poolform.compiler.ast.BodyItem;
import dev.poolform.compiler.ast.Decl;
import dev.poolform.compiler.ast.Expr;
import dev.poolform.compiler.ast.Ident;
import dev.poolform.compiler.ast.SourceUnit;
import dev.poolform.compiler.diag.Code;
import dev.poolform.compiler.diag.Diagnostic;
import dev.poolform.compiler.diag.DiagnosticSink;
import dev.poolform.source.Span;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the namespace and checks every name of a loaded program
 * (docs/language.md#names-and-scopes, codes E02xx, W0501).
 */
public final class Resolver {
  private final DiagnosticSink sink;
  private final Map<String, Decl> values = new LinkedHashMap<>();
  private final Map<String, Decl.Template> templates = new LinkedHashMap<>();
  private final List<Decl.Cloud> clouds = new ArrayList<>();
  private final Map<String, Decl.Variable> variables = new LinkedHashMap<>();
  private final Set<Object> used = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

  /** Declarations of entry files and loop bodies that W0501 applies to, in source order. */
  private final List<Decl> warnable = new ArrayList<>();

  private final Set<SourceUnit> entrySet =
      java.util.Collections.newSetFromMap(new IdentityHashMap<>());

  private final ExprNames exprs;
  private final SymbolRecorder symbols = new SymbolRecorder();

  private Resolver(DiagnosticSink sink) {
    this.sink = sink;
    this.exprs = new ExprNames(sink, used, templates, variables, symbols);
  }

  public static Resolution resolve(Program program, DiagnosticSink sink) {
    return new Resolver(sink).run(program);
  }

  private Resolution run(Program program) {
    entrySet.addAll(program.entries());
    Scope global = new Scope(null);
    for (SourceUnit u : program.all()) {
      boolean entry = entrySet.contains(u);
      for (Decl d : u.decls()) declareTopLevel(d, global, entry);
    }
    // Expressions: lets and clouds of the top level, templates, then the (unrolled) decls of
    // entries.
    for (SourceUnit u : program.all()) {
      for (Decl d : u.decls()) walkDecl(d, global, entrySet.contains(u));
    }
    CycleReports.lets(global, sink);
    CycleReports.templates(templates, sink);
    for (Decl d : warnable) {
      if (used.contains(d)) continue;
      if (d instanceof Decl.Let l) {
        sink.report(
            Diagnostic.of(
                Code.W0501, l.name().span(), "Let `" + l.name().name() + "` is never used."));
      } else if (d instanceof Decl.Template t) {
        sink.report(
            Diagnostic.of(
                Code.W0501, t.name().span(), "Template `" + t.name().name() + "` is never used."));
      }
    }
    return new Resolution(
        values, templates, clouds, program.entries(), variables, symbols.symbols());
  }

  private void declareTopLevel(Decl d, Scope global, boolean entry) {
    if (d instanceof Decl.Let || d instanceof Decl.Cloud || d instanceof Decl.Template) {
      symbols.declare(symbolKind(d), nameOf(d), d, d);
    }
    if (d instanceof Decl.Let l) {
      if (declareValue(global, l.name(), l)) {
        values.put(l.name().name(), l);
        global.node(l);
        if (entry) warnable.add(l);
      }
    } else if (d instanceof Decl.Cloud c) {
      if (declareValue(global, c.name(), c)) {
        values.put(c.name().name(), c);
        clouds.add(c);
        global.node(c);
      }
    } else if (d instanceof Decl.Variable v) {
      symbols.declare(Symbols.Kind.VARIABLE, unquoted(v), v, v);
      Decl.Variable first = variables.putIfAbsent(v.name().name(), v);
      if (first != null) duplicate(v.name(), first.name(), "variable");
    } else if (d instanceof Decl.Template t) {
      Decl.Template first = templates.get(t.name().name());
      if (first != null) {
        duplicate(t.name(), first.name(), "template");
      } else {
        templates.put(t.name().name(), t);
        if (entry) warnable.add(t);
      }
    }
  }

  /** Declares a let or cloud in a scope; false (and E0202) when the scope already has the name. */
  private boolean declareValue(Scope scope, Ident name, Decl d) {
    Scope.Binding prev = scope.names.get(name.name());
    if (prev != null) {
      Ident first = prev.loopVar() != null ? prev.loopVar() : nameOf(prev.decl());
      duplicate(name, first, kindOf(d));
      return false;
    }
    scope.names.put(name.name(), new Scope.Binding(d, null));
    return true;
  }

  private void duplicate(Ident second, Ident first, String kind) {
    sink.report(
        Diagnostic.of(
                Code.E0202, second.span(), "`" + second.name() + "` is declared more than once.")
            .withNote(first.span(), "first declared here")
            .withHelp("Rename or remove one of the " + kind + " declarations."));
  }

  /**
   * A variable's name located at the text inside its label's quotes, which is what {@code var.NAME}
   * spells: a rename replaces that text and keeps the quotes.
   */
  private static Ident unquoted(Decl.Variable v) {
    Span s = v.label().span();
    String text = s.text();
    if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
      s = new Span(s.file(), s.start() + 1, s.end() - 1);
    }
    return new Ident(v.name().name(), s);
  }

  static Ident nameOf(Decl d) {
    if (d instanceof Decl.Let l) return l.name();
    if (d instanceof Decl.Cloud c) return c.name();
    if (d instanceof Decl.Template t) return t.name();
    throw new IllegalArgumentException(d.getClass().getSimpleName());
  }

  private static Symbols.Kind symbolKind(Decl d) {
    if (d instanceof Decl.Let) return Symbols.Kind.LET;
    if (d instanceof Decl.Cloud) return Symbols.Kind.CLOUD;
    return Symbols.Kind.TEMPLATE;
  }

  private static String kindOf(Decl d) {
    if (d instanceof Decl.Let) return "let";
    if (d instanceof Decl.Cloud) return "cloud";
    return "template";
  }

  // ---- walking ------------------------------------------------------------------------------

  private void walkDecl(Decl d, Scope scope, boolean entry) {
    if (d instanceof Decl.Let l) {
      exprs.walk(l.value(), scope, l);
    } else if (d instanceof Decl.Cloud c) {
      walkBody(c.body(), scope, c);
    } else if (d instanceof Decl.Template t) {
      for (Ident f : t.from()) template(f);
      walkBody(t.body(), scope, null);
    } else if (d instanceof Decl.Variable v) {
      walkValidations(v, scope);
    } else if (d instanceof Decl.Pool p) {
      exprs.walk(p.name(), scope, null);
      for (Ident f : p.from()) template(f);
      walkOn(p.on(), scope);
      walkBody(p.body(), scope, null);
    } else if (d instanceof Decl.For f) {
      exprs.walk(f.iterable(), scope, null);
      Scope inner = new Scope(scope);
      // No Optional.ifPresent here: no lambda on a compilation's start path (see Loader).
      Ident key = f.key().orElse(null);
      if (key != null) symbols.declare(Symbols.Kind.LOOP_VARIABLE, key, f, key);
      symbols.declare(Symbols.Kind.LOOP_VARIABLE, f.value(), f, f.value());
      if (key != null) inner.names.put(key.name(), new Scope.Binding(null, key));
      Scope.Binding prev = inner.names.get(f.value().name());
      if (prev != null) {
        duplicate(f.value(), prev.loopVar(), "loop variable");
      } else {
        inner.names.put(f.value().name(), new Scope.Binding(null, f.value()));
      }
      nested(f.body(), inner, entry);
    } else if (d instanceof Decl.If i) {
      exprs.walk(i.condition(), scope, null);
      nested(i.then(), new Scope(scope), entry);
      nested(i.otherwise(), new Scope(scope), entry);
    }
  }

  /**
   * The decls of a for/if body: lets scoped to it; clouds, templates and imports only at top level.
   */
  private void nested(List<Decl> body, Scope inner, boolean entry) {
    for (Decl d : body) {
      if (d instanceof Decl.Let l) {
        symbols.declare(Symbols.Kind.LET, l.name(), l, l);
        if (declareValue(inner, l.name(), l)) {
          inner.node(l);
          if (entry) warnable.add(l);
        }
      } else if (topLevelOnly(d)) {
        String what =
            d instanceof Decl.Cloud
                ? "cloud"
                : d instanceof Decl.Template
                    ? "template"
                    : d instanceof Decl.Variable ? "variable" : "import";
        sink.report(
            Diagnostic.of(
                Code.E0101,
                d.span(),
                "A `"
                    + what
                    + "` declaration is allowed only at the top"
                    + " level, not inside `for` or `if`."));
      }
    }
    for (Decl d : body) {
      if (!topLevelOnly(d)) walkDecl(d, inner, entry);
    }
    CycleReports.lets(inner, sink);
  }

  private static boolean topLevelOnly(Decl d) {
    return d instanceof Decl.Cloud
        || d instanceof Decl.Template
        || d instanceof Decl.Import
        || d instanceof Decl.Variable;
  }

  /**
   * The names a variable's validations use. Only these are walked: the {@code default} must be a
   * literal value, which the {@code inputs} phase checks (a name there is E0313, not E0201).
   */
  private void walkValidations(Decl.Variable v, Scope scope) {
    for (BodyItem item : v.body().items()) {
      if (item instanceof BodyItem.Block b && b.name().name().equals("validation")) {
        walkBody(b.body(), scope, null);
      }
    }
  }

  private void template(Ident f) {
    Decl.Template t = templates.get(f.name());
    if (t != null) {
      used.add(t);
      symbols.refer(f.span(), t);
      return;
    }
    Decl other = values.get(f.name());
    Diagnostic d =
        Diagnostic.of(
            Code.E0204,
            f.span(),
            other != null
                ? "`" + f.name() + "` is a " + kindOf(other) + ", not a template."
                : "`from` names unknown template `" + f.name() + "`.");
    // The misspelt template was meant to be used: no W0501 for it on top of this error.
    Optional<String> meant = Suggest.closest(f.name(), templates.keySet());
    if (meant.isPresent()) used.add(templates.get(meant.get()));
    sink.report(Suggest.suggest(d, f.name(), templates.keySet(), f.span()));
  }

  private void walkOn(Expr on, Scope scope) {
    Expr e = on;
    while (e instanceof Expr.Paren p) e = p.inner();
    if (e instanceof Expr.Name n) {
      Scope.Binding b = scope.lookup(n.name());
      if (b != null) {
        if (b.decl() != null) used.add(b.decl());
        symbols.refer(n.span(), b.decl() != null ? b.decl() : b.loopVar());
        return;
      }
      List<String> cloudNames = new ArrayList<>();
      for (Decl.Cloud c : clouds) cloudNames.add(c.name().name());
      Diagnostic d =
          Diagnostic.of(
              Code.E0203,
              n.span(),
              templates.containsKey(n.name())
                  ? "`on` names template `" + n.name() + "`, not a cloud."
                  : "`on` names unknown cloud `" + n.name() + "`.");
      sink.report(Suggest.suggest(d, n.name(), cloudNames, n.span()));
      return;
    }
    exprs.walk(on, scope, null);
  }

  private void walkBody(Body body, Scope scope, Decl owner) {
    for (BodyItem item : body.items()) {
      if (item instanceof BodyItem.Attribute a) exprs.walk(a.value(), scope, owner);
      else if (item instanceof BodyItem.Block b) walkBody(b.body(), scope, owner);
    }
  }
}
