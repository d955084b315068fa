package dev.poolform.compiler.eval;

import dev.poolform.compiler.ast.Decl;
import dev.poolform.compiler.ast.Ident;
import dev.poolform.compiler.diag.DiagnosticSink;
import dev.poolform.compiler.types.TypeErrors;
import dev.poolform.stdlib.types.Types;
import dev.poolform.stdlib.value.BoolValue;
import dev.poolform.stdlib.value.IntValue;
import dev.poolform.stdlib.value.ListValue;
import dev.poolform.stdlib.value.MapValue;
import dev.poolform.stdlib.value.StringValue;
import dev.poolform.stdlib.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Unrolls {@code for} and {@code if} declarations, so that every {@code pool} is stamped once per
 * iteration with the loop variables in scope. The iterations are counted for the whole
 * configuration by the {@link Budget}, so nested loops cannot multiply past its limit.
 */
final class Unroller {
  private final DiagnosticSink sink;
  private final Expressions expressions;
  private final Stamper stamper;
  private final Env.Force force;
  private final Budget budget;

  Unroller(
      DiagnosticSink sink,
      Expressions expressions,
      Stamper stamper,
      Env.Force force,
      Budget budget) {
    this.sink = sink;
    this.expressions = expressions;
    this.stamper = stamper;
    this.force = force;
    this.budget = budget;
  }

  void unroll(List<Decl> decls, Env env) {
    for (Decl d : decls) {
      if (budget.exhausted()) return;
      if (d instanceof Decl.Pool p) {
        stamper.stamp(p, env);
      } else if (d instanceof Decl.For f) {
        loop(f, env);
      } else if (d instanceof Decl.If i) {
        branch(i, env);
      }
    }
  }

  private void branch(Decl.If i, Env env) {
    Value c = expressions.eval(i.condition(), env);
    if (c == null) return;
    if (!(c instanceof BoolValue b)) {
      sink.report(TypeErrors.ifCondition(i.condition().span(), Types.describe(c)));
      return;
    }
    scope(b.value() ? i.then() : i.otherwise(), env, null, null, null, null);
  }

  private void loop(Decl.For f, Env env) {
    Value it = expressions.eval(f.iterable(), env);
    if (it == null) return;
    if (it instanceof ListValue l) {
      for (int i = 0; i < l.items().size(); i++) {
        if (!budget.iterate(f.iterable().span())) return;
        scope(f.body(), env, f.key().orElse(null), new IntValue(i), f.value(), l.items().get(i));
      }
    } else if (it instanceof MapValue m) {
      for (Map.Entry<String, Value> e : m.entries().entrySet()) {
        if (!budget.iterate(f.iterable().span())) return;
        scope(
            f.body(),
            env,
            f.key().orElse(null),
            new StringValue(e.getKey()),
            f.value(),
            e.getValue());
      }
    } else {
      sink.report(TypeErrors.loopOver(f.iterable().span(), Types.describe(it)));
    }
  }

  /**
   * Runs a for/if body in a new scope holding the loop variables and the body's lets. The lets are
   * forced at the end even when no pool used them, so their errors are reported.
   */
  private void scope(
      List<Decl> body, Env parent, Ident key, Value keyValue, Ident var, Value value) {
    Env env = new Env(parent);
    if (key != null) env.slots.put(key.name(), Env.Slot.of(keyValue));
    if (var != null) env.slots.put(var.name(), Env.Slot.of(value));
    List<Env.Slot> lets = null;
    for (Decl d : body) {
      if (d instanceof Decl.Let l && !env.slots.containsKey(l.name().name())) {
        Env.Slot s = new Env.Slot(l, env);
        env.slots.put(l.name().name(), s);
        if (lets == null) lets = new ArrayList<>();
        lets.add(s);
      }
    }
    unroll(body, env);
    if (lets != null) for (Env.Slot s : lets) force.of(s);
  }
}
