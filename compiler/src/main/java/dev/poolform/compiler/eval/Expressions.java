package dev.poolform.compiler.eval;

import dev.poolform.compiler.ast.Expr;
import dev.poolform.compiler.ast.StringExpr;
import dev.poolform.compiler.diag.Diagnostic;
import dev.poolform.compiler.diag.DiagnosticSink;
import dev.poolform.compiler.types.OpResult;
import dev.poolform.compiler.types.Operators;
import dev.poolform.compiler.types.TypeErrors;
import dev.poolform.source.Span;
import dev.poolform.stdlib.types.Types;
import dev.poolform.stdlib.value.BoolValue;
import dev.poolform.stdlib.value.ListValue;
import dev.poolform.stdlib.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates expressions. Every operand is evaluated left to right, and a failed operand (null,
 * already reported) makes the whole expression fail silently, so one mistake gives one diagnostic.
 * Every expression is paid for from the configuration's {@link Budget}: one step, plus the weight
 * of what a compound expression builds, plus for operators and calls the weight of the operands
 * they may walk.
 */
final class Expressions {
  private final DiagnosticSink sink;
  private final Env.Force force;
  private final LiteralValues literals;
  private final Interpolation strings;
  private final MapLiterals maps;
  private final Access access;
  private final java.util.function.Function<String, Value> variables;
  private final Calls calls;
  private final Budget budget;

  /**
   * @param variables the value of {@code var.NAME}, null when it has none (already reported)
   */
  Expressions(
      DiagnosticSink sink,
      Env.Force force,
      java.util.function.Function<String, Value> variables,
      Calls calls,
      Budget budget) {
    this.sink = sink;
    this.force = force;
    this.variables = variables;
    this.literals = new LiteralValues(sink);
    this.strings = new Interpolation(sink, this);
    this.maps = new MapLiterals(sink, this);
    this.access = new Access(sink);
    this.calls = calls;
    this.budget = budget;
  }

  Value eval(Expr e, Env env) {
    return eval(e, env, false);
  }

  /**
   * The value of {@code e}, or null when it failed (reported here or earlier).
   *
   * @param externalOk whether {@code e} stands where the keyword external is allowed ({@code
   *     capacity.desired}); parentheses and both branches of {@code ? :} keep that place
   */
  Value eval(Expr e, Env env, boolean externalOk) {
    if (budget.exhausted()) return null;
    Value v = compute(e, env, externalOk);
    if (v == null || !budget.admit(v, e.span())) return null;
    // A name or parentheses hand on a value built elsewhere (and paid for there).
    boolean built = !(e instanceof Expr.Name || e instanceof Expr.Paren);
    return budget.spend(built ? 1 + v.weight() : 1, e.span()) ? v : null;
  }

  private Value compute(Expr e, Env env, boolean externalOk) {
    if (e instanceof Expr.Literal l) return literals.of(l, externalOk);
    if (e instanceof StringExpr s) return strings.eval(s, env);
    if (e instanceof Expr.Name n) {
      Env.Slot s = env.lookup(n.name());
      return s == null ? null : force.of(s);
    }
    if (e instanceof Expr.Var v) return variables.apply(v.name().name());
    if (e instanceof Expr.Paren p) return eval(p.inner(), env, externalOk);
    if (e instanceof Expr.ListExpr l) return list(l, env);
    if (e instanceof Expr.MapExpr m) return maps.eval(m, env);
    if (e instanceof Expr.Member m) return member(m, env);
    if (e instanceof Expr.Index i) return index(i, env);
    if (e instanceof Expr.Call c) return call(c, env);
    if (e instanceof Expr.Unary u) return unary(u, env);
    if (e instanceof Expr.Binary b) return binary(b, env);
    if (e instanceof Expr.Conditional c) return conditional(c, env, externalOk);
    return null; // Expr.Invalid: the parser reported it; Expr.TypeRef is never evaluated
  }

  private Value list(Expr.ListExpr l, Env env) {
    List<Value> out = new ArrayList<>(l.items().size());
    boolean ok = true;
    for (Expr x : l.items()) {
      Value v = eval(x, env);
      if (v == null) ok = false;
      else out.add(v);
    }
    return ok ? new ListValue(out) : null;
  }

  private Value member(Expr.Member m, Env env) {
    Value t = eval(m.target(), env);
    if (t == null) return null;
    return access.member(m, t);
  }

  private Value index(Expr.Index i, Env env) {
    Value t = eval(i.target(), env);
    Value k = eval(i.index(), env);
    if (t == null || k == null) return null;
    return access.index(i, t, k);
  }

  private Value call(Expr.Call c, Env env) {
    List<Value> args = new ArrayList<>(c.args().size());
    boolean ok = true;
    for (Expr a : c.args()) {
      Value v = eval(a, env);
      if (v == null) ok = false;
      args.add(v);
    }
    if (!ok) return null;
    // length() and lookup() read a list or map in constant or logarithmic time: a pool per key
    // of a large map, each looking its own entry up, must not pay for the whole map each time.
    String fn = c.function().name();
    if (!fn.equals("length") && !fn.equals("lookup") && !spendOn(args, c.span())) return null;
    return calls.call(c, args);
  }

  private Value unary(Expr.Unary u, Env env) {
    Value v = eval(u.operand(), env);
    if (v == null || !budget.spend(v.weight(), u.span())) return null;
    return op(Operators.unary(u.op(), v), u.span());
  }

  /**
   * {@code &&} and {@code ||} short-circuit: the right operand is not evaluated when not needed.
   */
  private Value binary(Expr.Binary b, Env env) {
    if (b.op() == Expr.BinaryOp.AND || b.op() == Expr.BinaryOp.OR) {
      Value l = eval(b.left(), env);
      if (l == null) return null;
      if (!(l instanceof BoolValue lb)) return notBool(b, l);
      if (b.op() == Expr.BinaryOp.AND ? !lb.value() : lb.value()) return lb;
      Value r = eval(b.right(), env);
      if (r == null) return null;
      if (!(r instanceof BoolValue)) return notBool(b, r);
      return r;
    }
    Value l = eval(b.left(), env);
    Value r = eval(b.right(), env);
    if (l == null || r == null || !spendOn(List.of(l, r), b.span())) return null;
    return op(Operators.binary(b.op(), l, r), b.span());
  }

  /** Pays for the operands an operator or a call may walk ({@code ==}, {@code format("%v")}). */
  private boolean spendOn(List<Value> operands, Span at) {
    long w = 0;
    for (Value v : operands) w = Value.addWeights(w, v.weight());
    return budget.spend(w, at);
  }

  private Value notBool(Expr.Binary b, Value operand) {
    sink.report(TypeErrors.boolOperands(b.span(), b.op().symbol, Types.describe(operand)));
    return null;
  }

  private Value conditional(Expr.Conditional c, Env env, boolean externalOk) {
    Value cond = eval(c.condition(), env);
    if (cond == null) return null;
    if (!(cond instanceof BoolValue bv)) {
      sink.report(TypeErrors.conditional(c.condition().span(), Types.describe(cond)));
      return null;
    }
    return eval(bv.value() ? c.then() : c.otherwise(), env, externalOk);
  }

  private Value op(OpResult r, Span at) {
    if (r instanceof OpResult.Ok ok) return ok.value();
    OpResult.Failure e = (OpResult.Failure) r;
    sink.report(Diagnostic.of(e.code(), at, e.message()));
    return null;
  }
}
