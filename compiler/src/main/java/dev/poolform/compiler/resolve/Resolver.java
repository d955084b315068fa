package dev.poolform.compiler.resolve;

import dev.poolform.compiler.ast.Body;
import dev.poolform.compiler.ast.BodyItem;
import dev.poolform.compiler.ast.Decl;
import dev.poolform.compiler.ast.Expr;
import dev.poolform.compiler.ast.Ident;
import dev.poolform.compiler.ast.MapEntry;
import dev.poolform.compiler.ast.SourceUnit;
import dev.poolform.compiler.ast.StringExpr;
import dev.poolform.compiler.ast.StringPart;
import dev.poolform.compiler.diag.Code;
import dev.poolform.compiler.diag.Diagnostic;
import dev.poolform.compiler.diag.DiagnosticSink;
import dev.poolform.source.Span;
import dev.poolform.stdlib.functions.Builtins;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the namespace and checks every name of a loaded program (LANGUAGE.md §2, codes E02xx,
 * W0501).
 */
public final class Resolver {
  private final DiagnosticSink sink;
  private final Map<String, Decl> values = new LinkedHashMap<>();
  private final Map<String, Decl.Template> templates = new LinkedHashMap<>();
  private final List<Decl.Cloud> clouds = new ArrayList<>();
  private final Set<Object> used = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

  /** Declarations of entry files and loop bodies that W0501 applies to, in source order. */
  private final List<Decl> warnable = new ArrayList<>();

  private final Set<SourceUnit> entrySet =
      java.util.Collections.newSetFromMap(new IdentityHashMap<>());

  private Resolver(DiagnosticSink sink) {
    this.sink = sink;
  }

  public static Resolution resolve(Program program, DiagnosticSink sink) {
    return new Resolver(sink).run(program);
  }

  /** A name visible in a scope. */
  private record Binding(Decl decl, Ident loopVar) {}

  /** A lexical scope: top level, or the body of a for/if. */
  private static final class Scope {
    final Scope parent;
    final Map<String, Binding> names = new HashMap<>();

    /** The lets and clouds declared directly in this scope: the nodes of its cycle check. */
    final IdentityHashMap<Decl, List<Edge>> deps = new IdentityHashMap<>();

    final List<Decl> order = new ArrayList<>();

    void node(Decl d) {
      deps.put(d, new ArrayList<>());
      order.add(d);
    }

    Scope(Scope parent) {
      this.parent = parent;
    }

    Binding lookup(String n) {
      for (Scope s = this; s != null; s = s.parent) {
        Binding b = s.names.get(n);
        if (b != null) return b;
      }
      return null;
    }
  }

  /** {@code from} uses {@code to} at {@code at}. */
  private record Edge(Decl to, String name, Span at) {}

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
    checkCycles(global);
    checkTemplateCycles();
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
    return new Resolution(values, templates, clouds, program.entries());
  }

  private void declareTopLevel(Decl d, Scope global, boolean entry) {
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
    Binding prev = scope.names.get(name.name());
    if (prev != null) {
      Ident first = prev.loopVar() != null ? prev.loopVar() : nameOf(prev.decl());
      duplicate(name, first, kindOf(d));
      return false;
    }
    scope.names.put(name.name(), new Binding(d, null));
    return true;
  }

  private void duplicate(Ident second, Ident first, String kind) {
    sink.report(
        Diagnostic.of(
                Code.E0202, second.span(), "`" + second.name() + "` is declared more than once.")
            .withNote(first.span(), "first declared here")
            .withHelp("Rename or remove one of the " + kind + " declarations."));
  }

  private static Ident nameOf(Decl d) {
    if (d instanceof Decl.Let l) return l.name();
    if (d instanceof Decl.Cloud c) return c.name();
    if (d instanceof Decl.Template t) return t.name();
    throw new IllegalArgumentException(d.getClass().getSimpleName());
  }

  private static String kindOf(Decl d) {
    if (d instanceof Decl.Let) return "let";
    if (d instanceof Decl.Cloud) return "cloud";
    return "template";
  }

  // ---- walking ------------------------------------------------------------------------------

  private void walkDecl(Decl d, Scope scope, boolean entry) {
    if (d instanceof Decl.Let l) {
      walkExpr(l.value(), scope, l);
    } else if (d instanceof Decl.Cloud c) {
      walkBody(c.body(), scope, c);
    } else if (d instanceof Decl.Template t) {
      for (Ident f : t.from()) template(f);
      walkBody(t.body(), scope, null);
    } else if (d instanceof Decl.Pool p) {
      walkExpr(p.name(), scope, null);
      for (Ident f : p.from()) template(f);
      walkOn(p.on(), scope);
      walkBody(p.body(), scope, null);
    } else if (d instanceof Decl.For f) {
      walkExpr(f.iterable(), scope, null);
      Scope inner = new Scope(scope);
      f.key().ifPresent(k -> inner.names.put(k.name(), new Binding(null, k)));
      Binding prev = inner.names.get(f.value().name());
      if (prev != null) {
        duplicate(f.value(), prev.loopVar(), "loop variable");
      } else {
        inner.names.put(f.value().name(), new Binding(null, f.value()));
      }
      nested(f.body(), inner, entry);
    } else if (d instanceof Decl.If i) {
      walkExpr(i.condition(), scope, null);
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
        if (declareValue(inner, l.name(), l)) {
          inner.node(l);
          if (entry) warnable.add(l);
        }
      } else if (d instanceof Decl.Cloud
          || d instanceof Decl.Template
          || d instanceof Decl.Import) {
        String what =
            d instanceof Decl.Cloud ? "cloud" : d instanceof Decl.Template ? "template" : "import";
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
      if (d instanceof Decl.Cloud || d instanceof Decl.Template || d instanceof Decl.Import)
        continue;
      walkDecl(d, inner, entry);
    }
    checkCycles(inner);
  }

  private void template(Ident f) {
    Decl.Template t = templates.get(f.name());
    if (t != null) {
      used.add(t);
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
    String help = Suggest.didYouMean(f.name(), templates.keySet());
    // The misspelt template was meant to be used: no W0501 for it on top of this error.
    Suggest.closest(f.name(), templates.keySet()).ifPresent(n -> used.add(templates.get(n)));
    sink.report(help != null ? d.withHelp(help) : d);
  }

  private void walkOn(Expr on, Scope scope) {
    Expr e = on;
    while (e instanceof Expr.Paren p) e = p.inner();
    if (e instanceof Expr.Name n) {
      Binding b = scope.lookup(n.name());
      if (b != null) {
        if (b.decl() != null) used.add(b.decl());
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
      String help = Suggest.didYouMean(n.name(), cloudNames);
      sink.report(help != null ? d.withHelp(help) : d);
      return;
    }
    walkExpr(on, scope, null);
  }

  private void walkBody(Body body, Scope scope, Decl owner) {
    for (BodyItem item : body.items()) {
      if (item instanceof BodyItem.Attribute a) walkExpr(a.value(), scope, owner);
      else if (item instanceof BodyItem.Block b) walkBody(b.body(), scope, owner);
    }
  }

  private void walkExpr(Expr e, Scope scope, Decl owner) {
    if (e instanceof Expr.Name n) {
      Binding b = scope.lookup(n.name());
      if (b == null) {
        unknownName(n, scope);
        return;
      }
      if (b.decl() != null) {
        used.add(b.decl());
        if (owner != null) {
          Scope ownerScope = scopeOf(owner, scope);
          if (ownerScope != null && ownerScope.deps.containsKey(b.decl())) {
            ownerScope.deps.get(owner).add(new Edge(b.decl(), n.name(), n.span()));
          }
        }
      }
    } else if (e instanceof StringExpr s) {
      for (StringPart p : s.parts()) {
        if (p instanceof StringPart.Interpolation i) walkExpr(i.expr(), scope, owner);
      }
    } else if (e instanceof Expr.ListExpr l) {
      for (Expr x : l.items()) walkExpr(x, scope, owner);
    } else if (e instanceof Expr.MapExpr m) {
      for (MapEntry x : m.entries()) {
        if (!x.bareKey()) walkExpr(x.key(), scope, owner);
        walkExpr(x.value(), scope, owner);
      }
    } else if (e instanceof Expr.Member m) {
      walkExpr(m.target(), scope, owner);
    } else if (e instanceof Expr.Index i) {
      walkExpr(i.target(), scope, owner);
      walkExpr(i.index(), scope, owner);
    } else if (e instanceof Expr.Call c) {
      if (Builtins.lookup(c.function().name()).isEmpty()) {
        Diagnostic d =
            Diagnostic.of(
                Code.E0207, c.function().span(), "Unknown function `" + c.function().name() + "`.");
        String help = Suggest.didYouMean(c.function().name(), Builtins.names());
        sink.report(help != null ? d.withHelp(help) : d);
      }
      for (Expr a : c.args()) walkExpr(a, scope, owner);
    } else if (e instanceof Expr.Unary u) {
      walkExpr(u.operand(), scope, owner);
    } else if (e instanceof Expr.Binary b) {
      walkExpr(b.left(), scope, owner);
      walkExpr(b.right(), scope, owner);
    } else if (e instanceof Expr.Conditional c) {
      walkExpr(c.condition(), scope, owner);
      walkExpr(c.then(), scope, owner);
      walkExpr(c.otherwise(), scope, owner);
    } else if (e instanceof Expr.Paren p) {
      walkExpr(p.inner(), scope, owner);
    }
  }

  /** The scope that declares {@code owner}, searching outward from {@code scope}. */
  private static Scope scopeOf(Decl owner, Scope scope) {
    for (Scope s = scope; s != null; s = s.parent) {
      if (s.deps.containsKey(owner)) return s;
    }
    return null;
  }

  private void unknownName(Expr.Name n, Scope scope) {
    List<String> visible = new ArrayList<>();
    for (Scope s = scope; s != null; s = s.parent) visible.addAll(s.names.keySet());
    Diagnostic d = Diagnostic.of(Code.E0201, n.span(), "Unknown name `" + n.name() + "`.");
    String help = Suggest.didYouMean(n.name(), visible);
    Suggest.closest(n.name(), visible)
        .ifPresent(
            s -> {
              Binding b = scope.lookup(s);
              if (b != null && b.decl() != null) used.add(b.decl());
            });
    if (help == null && Builtins.lookup(n.name()).isPresent())
      help = "`" + n.name() + "` is a function; call it as `" + n.name() + "(...)`.";
    if (help == null && templates.containsKey(n.name()))
      help = "`" + n.name() + "` is a template; use it with `from`.";
    sink.report(help != null ? d.withHelp(help) : d);
  }

  // ---- cycles ---------------------------------------------------------------------------------

  private void checkCycles(Scope scope) {
    List<Decl> nodes = scope.order;
    IdentityHashMap<Decl, Integer> idx = new IdentityHashMap<>();
    for (int i = 0; i < nodes.size(); i++) idx.put(nodes.get(i), i);
    List<List<Integer>> adj = new ArrayList<>();
    for (Decl d : nodes) {
      List<Integer> to = new ArrayList<>();
      for (Edge x : scope.deps.get(d)) to.add(idx.get(x.to()));
      adj.add(to);
    }
    for (List<Integer> ci : Cycles.find(adj)) {
      List<Decl> cycle = new ArrayList<>();
      for (int i : ci) cycle.add(nodes.get(i));
      List<Span> linkSpans = new ArrayList<>();
      StringBuilder path = new StringBuilder();
      for (int i = 0; i < cycle.size(); i++) {
        Decl from = cycle.get(i);
        Decl to = cycle.get((i + 1) % cycle.size());
        path.append('`').append(nameOf(from).name()).append("` -> ");
        for (Edge x : scope.deps.get(from)) {
          if (x.to() == to) {
            linkSpans.add(x.at());
            break;
          }
        }
      }
      path.append('`').append(nameOf(cycle.get(0)).name()).append('`');
      Decl first = cycle.get(0);
      Diagnostic d =
          Diagnostic.of(
              Code.E0205,
              nameOf(first).span(),
              "`" + nameOf(first).name() + "` depends on itself: " + path + ".");
      for (int i = 0; i < linkSpans.size(); i++) {
        d =
            d.withNote(
                linkSpans.get(i),
                "`"
                    + nameOf(cycle.get(i)).name()
                    + "` uses `"
                    + nameOf(cycle.get((i + 1) % cycle.size())).name()
                    + "` here");
      }
      sink.report(d);
    }
  }

  private void checkTemplateCycles() {
    List<Decl.Template> nodes = new ArrayList<>(templates.values());
    Map<String, Integer> idx = new HashMap<>();
    for (int i = 0; i < nodes.size(); i++) idx.put(nodes.get(i).name().name(), i);
    List<List<Integer>> adj = new ArrayList<>();
    for (Decl.Template t : nodes) {
      List<Integer> to = new ArrayList<>();
      for (Ident f : t.from()) {
        Integer x = idx.get(f.name());
        if (x != null) to.add(x);
      }
      adj.add(to);
    }
    for (List<Integer> ci : Cycles.find(adj)) {
      List<Decl> cycle = new ArrayList<>();
      for (int i : ci) cycle.add(nodes.get(i));
      Decl.Template first = (Decl.Template) cycle.get(0);
      StringBuilder path = new StringBuilder();
      for (Decl d : cycle) path.append('`').append(nameOf(d).name()).append("` -> ");
      path.append('`').append(first.name().name()).append('`');
      Diagnostic d =
          Diagnostic.of(
              Code.E0205,
              first.name().span(),
              "Template `" + first.name().name() + "` inherits from itself: " + path + ".");
      for (int i = 0; i < cycle.size(); i++) {
        Decl.Template from = (Decl.Template) cycle.get(i);
        Decl.Template to = (Decl.Template) cycle.get((i + 1) % cycle.size());
        for (Ident f : from.from()) {
          if (f.name().equals(to.name().name())) {
            d =
                d.withNote(
                    f.span(),
                    "`" + from.name().name() + "` is built from `" + to.name().name() + "` here");
            break;
          }
        }
      }
      sink.report(d);
    }
  }
}
