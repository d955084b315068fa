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

  /**
   * @param variables the value of {@code var.NAME}, null when it has none (already reported)
   */
  Expressions(
      DiagnosticSink sink,
      Env.Force force,
      java.util.function.Function<String, Value> variables,
      Calls calls) {
    this.sink = sink;
    this.force = force;
    this.variables = variables;
    this.literals = new LiteralValues(sink);
    this.strings = new Interpolation(sink, this);
    this.maps = new MapLiterals(sink, this);
    this.access = new Access(sink);
    this.calls = calls;
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
    return calls.call(c, args);
  }

  private Value unary(Expr.Unary u, Env env) {
    Value v = eval(u.operand(), env);
    if (v == null) return null;
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
    if (l == null || r == null) return null;
    return op(Operators.binary(b.op(), l, r), b.span());
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
