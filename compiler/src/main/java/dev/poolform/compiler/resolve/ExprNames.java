package dev.poolform.compiler.resolve;

import dev.poolform.compiler.ast.Decl;
import dev.poolform.compiler.ast.Expr;
import dev.poolform.compiler.ast.MapEntry;
import dev.poolform.compiler.ast.StringExpr;
import dev.poolform.compiler.ast.StringPart;
import dev.poolform.compiler.diag.Code;
import dev.poolform.compiler.diag.Diagnostic;
import dev.poolform.compiler.diag.DiagnosticSink;
import dev.poolform.stdlib.functions.Builtins;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves the names and functions an expression uses: unknown ones are errors with a did-you-mean
 * (E0201, E0207); known ones are marked used (for W0501) and, inside a let or cloud, become edges
 * of its scope's cycle check. A near miss counts as a use, so a misspelling is not also reported as
 * an unused declaration.
 */
final class ExprNames {
  private final DiagnosticSink sink;
  private final Set<Object> used;
  private final Map<String, Decl.Template> templates;
  private final Map<String, Decl.Variable> variables;
  private final SymbolRecorder symbols;

  /**
   * @param variables the declared variables; filled in before any expression is walked
   */
  ExprNames(
      DiagnosticSink sink,
      Set<Object> used,
      Map<String, Decl.Template> templates,
      Map<String, Decl.Variable> variables,
      SymbolRecorder symbols) {
    this.sink = sink;
    this.used = used;
    this.templates = templates;
    this.variables = variables;
    this.symbols = symbols;
  }

  /**
   * @param owner the let or cloud whose expression this is (its uses are cycle edges), or null
   */
  void walk(Expr e, Scope scope, Decl owner) {
    if (e instanceof Expr.Name n) {
      Scope.Binding b = scope.lookup(n.name());
      if (b == null) {
        unknownName(n, scope);
        return;
      }
      symbols.refer(n.span(), b.decl() != null ? b.decl() : b.loopVar());
      if (b.decl() != null) {
        used.add(b.decl());
        if (owner != null) {
          Scope ownerScope = Scope.of(owner, scope);
          if (ownerScope != null && ownerScope.deps.containsKey(b.decl())) {
            ownerScope.deps.get(owner).add(new Scope.Edge(b.decl(), n.name(), n.span()));
          }
        }
      }
    } else if (e instanceof Expr.Var v) {
      Decl.Variable declared = variables.get(v.name().name());
      if (declared == null) unknownVariable(v);
      else symbols.refer(v.name().span(), declared);
    } else if (e instanceof StringExpr s) {
      for (StringPart p : s.parts()) {
        if (p instanceof StringPart.Interpolation i) walk(i.expr(), scope, owner);
      }
    } else if (e instanceof Expr.ListExpr l) {
      for (Expr x : l.items()) walk(x, scope, owner);
    } else if (e instanceof Expr.MapExpr m) {
      for (MapEntry x : m.entries()) {
        if (!x.bareKey()) walk(x.key(), scope, owner);
        walk(x.value(), scope, owner);
      }
    } else if (e instanceof Expr.Member m) {
      walk(m.target(), scope, owner);
    } else if (e instanceof Expr.Index i) {
      walk(i.target(), scope, owner);
      walk(i.index(), scope, owner);
    } else if (e instanceof Expr.Call c) {
      if (Builtins.lookup(c.function().name()).isEmpty()) {
        Diagnostic d =
            Diagnostic.of(
                Code.E0207, c.function().span(), "Unknown function `" + c.function().name() + "`.");
        sink.report(Suggest.suggest(d, c.function().name(), Builtins.names(), c.function().span()));
      }
      for (Expr a : c.args()) walk(a, scope, owner);
    } else if (e instanceof Expr.Unary u) {
      walk(u.operand(), scope, owner);
    } else if (e instanceof Expr.Binary b) {
      walk(b.left(), scope, owner);
      walk(b.right(), scope, owner);
    } else if (e instanceof Expr.Conditional c) {
      walk(c.condition(), scope, owner);
      walk(c.then(), scope, owner);
      walk(c.otherwise(), scope, owner);
    } else if (e instanceof Expr.Paren p) {
      walk(p.inner(), scope, owner);
    }
  }

  private void unknownVariable(Expr.Var v) {
    String n = v.name().name();
    Diagnostic d =
        Diagnostic.of(Code.E0201, v.name().span(), "No variable `" + n + "` is declared.");
    String help = Suggest.didYouMean(n, variables.keySet());
    sink.report(
        d.withHelp(
            help != null ? help : "Declare it: `variable \"" + n + "\" { type = string }`."));
  }

  private void unknownName(Expr.Name n, Scope scope) {
    List<String> visible = new ArrayList<>();
    for (Scope s = scope; s != null; s = s.parent) visible.addAll(s.names.keySet());
    Diagnostic d = Diagnostic.of(Code.E0201, n.span(), "Unknown name `" + n.name() + "`.");
    java.util.Optional<String> close = Suggest.closest(n.name(), visible);
    if (close.isPresent()) {
      Scope.Binding b = scope.lookup(close.get());
      if (b != null && b.decl() != null) used.add(b.decl());
    }
    String help = null;
    if (Builtins.lookup(n.name()).isPresent())
      help = "`" + n.name() + "` is a function; call it as `" + n.name() + "(...)`.";
    if (help == null && variables.containsKey(n.name()))
      help = "`" + n.name() + "` is a variable; write `var." + n.name() + "`.";
    if (help == null && templates.containsKey(n.name()))
      help = "`" + n.name() + "` is a template; use it with `from`.";
    if (close.isPresent()) d = Suggest.suggest(d, n.name(), visible, n.span());
    else if (help != null) d = d.withHelp(help);
    sink.report(d);
  }
}
