package dev.poolform.compiler.eval;

import dev.poolform.compiler.ast.Decl;
import dev.poolform.compiler.diag.Code;
import dev.poolform.compiler.diag.Diagnostic;
import dev.poolform.compiler.diag.DiagnosticSink;
import dev.poolform.stdlib.types.Types;
import dev.poolform.stdlib.value.CloudValue;
import dev.poolform.stdlib.value.SecretValue;
import dev.poolform.stdlib.value.StringValue;
import dev.poolform.stdlib.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * Stamps one {@link PoolInstance} from a {@code pool} declaration in the current scope: its name
 * and cloud evaluated, its templates merged under its own body. A pool whose name failed is not
 * stamped, but its body is still evaluated so its errors are reported.
 */
final class Stamper {
  private final DiagnosticSink sink;
  private final Expressions expressions;
  private final Bodies bodies;
  private final Templates templates;
  private final Budget budget;
  private final List<PoolInstance> pools = new ArrayList<>();

  Stamper(
      DiagnosticSink sink,
      Expressions expressions,
      Bodies bodies,
      Templates templates,
      Budget budget) {
    this.sink = sink;
    this.expressions = expressions;
    this.bodies = bodies;
    this.templates = templates;
    this.budget = budget;
  }

  /** Every pool stamped so far, in the order met. */
  List<PoolInstance> pools() {
    return pools;
  }

  void stamp(Decl.Pool p, Env env) {
    if (!budget.pool(p.name().span())) return;
    String name = name(p, env);
    CloudValue cloud = cloud(p, env);
    EBody base = templates.merged(p.from());
    EBody own = bodies.eval(p.body(), env, "", true);
    if (name == null) return;
    EBody body = EBody.merge(base, own);
    // The checks and the IR walk every value of every pool, templates' values included.
    if (!budget.spend(body.weight(), p.name().span())) return;
    pools.add(
        new PoolInstance(
            p, name, p.name().span(), cloud, p.on().span(), body, templates.complete(p.from())));
  }

  private String name(Decl.Pool p, Env env) {
    Value nameValue = expressions.eval(p.name(), env);
    if (nameValue instanceof StringValue s) return s.value();
    if (nameValue instanceof SecretValue) {
      sink.report(
          Diagnostic.of(
              Code.E0310,
              p.name().span(),
              "A pool name cannot be a secret: it names the cloud's group and shows in every"
                  + " plan."));
    } else if (nameValue != null) {
      sink.report(
          Diagnostic.of(
              Code.E0301,
              p.name().span(),
              "Expected string, found "
                  + Types.describe(nameValue)
                  + "; a pool name must be a plain string."));
    }
    return null;
  }

  private CloudValue cloud(Decl.Pool p, Env env) {
    Value on = expressions.eval(p.on(), env);
    if (on instanceof CloudValue c) return c;
    if (on != null) {
      sink.report(
          Diagnostic.of(
              Code.E0203,
              p.on().span(),
              "`on` must name a cloud, found " + Types.describe(on) + "."));
    }
    return null;
  }
}
