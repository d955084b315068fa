package dev.poolform.compiler.eval;

import dev.poolform.compiler.ast.Decl;
import dev.poolform.compiler.ast.SourceUnit;
import dev.poolform.compiler.diag.DiagnosticSink;
import dev.poolform.compiler.inputs.InputValues;
import dev.poolform.compiler.resolve.Resolution;
import dev.poolform.source.Span;
import dev.poolform.stdlib.value.Value;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Evaluates a resolved configuration (docs/language.md#declarations, #expressions). */
public final class Evaluator {
  private final Resolution res;
  private final Validations validations;
  private InputValues inputs;
  private final Env global = new Env(null);
  private final Expressions expressions;
  private final Templates templates;
  private final Clouds clouds;
  private final Stamper stamper;
  private final Unroller unroller;

  private Evaluator(
      Resolution res,
      InputValues inputs,
      DiagnosticSink sink,
      Map<String, String> environment,
      FileReader files,
      Path projectRoot) {
    this.res = res;
    this.inputs = inputs;
    // Names refer to lets and clouds, whose values refer to names again: the parts reach each
    // other's values through force(), which only runs once everything here is built.
    Calls calls = new Calls(sink, files, environment, projectRoot);
    Budget budget = new Budget(sink);
    Forcing force = new Forcing();
    this.expressions = new Expressions(sink, force, new Variables(null, null), calls, budget);
    this.validations = new Validations(sink, expressions, new Revealing(force, calls, budget));
    Bodies bodies = new Bodies(sink, expressions);
    this.templates = new Templates(res, bodies, global);
    this.clouds = new Clouds(bodies, global);
    this.stamper = new Stamper(sink, expressions, bodies, templates, budget);
    this.unroller = new Unroller(sink, expressions, stamper, force, budget);
  }

  // The three below are classes, not lambdas or method references: the evaluator is on every
  // compilation's start path, where linking a lambda costs a cold `pool validate` the set-up of
  // java.lang.invoke (docs/BENCHMARKS.md#cold-start).

  /** {@link #force}, for the parts that reach names' values. */
  private final class Forcing implements Env.Force {
    @Override
    public Value of(Env.Slot s) {
      return force(s);
    }
  }

  /** {@code var.NAME}: the variables' values, with {@code revealed} (if any) as {@code plain}. */
  private final class Variables implements Function<String, Value> {
    private final String revealed;
    private final Value plain;

    Variables(String revealed, Value plain) {
      this.revealed = revealed;
      this.plain = plain;
    }

    @Override
    public Value apply(String name) {
      return name.equals(revealed) ? plain : variable(name);
    }
  }

  /** Expressions in which one sensitive variable is seen plain, for its own validations. */
  private final class Revealing implements Validations.Revealing {
    private final Forcing force;
    private final Calls calls;
    private final Budget budget;

    Revealing(Forcing force, Calls calls, Budget budget) {
      this.force = force;
      this.calls = calls;
      this.budget = budget;
    }

    @Override
    public Expressions with(String name, Value plain, DiagnosticSink sink) {
      return new Expressions(sink, force, new Variables(name, plain), calls, budget);
    }
  }

  public static Evaluation evaluate(
      Resolution res, DiagnosticSink sink, Map<String, String> environment) {
    return evaluate(res, InputValues.NONE, sink, environment, FileReader.DISK, null);
  }

  /**
   * @param inputs the variables' values ({@code var.NAME})
   * @param projectRoot {@code file()} may not read outside it; null: anywhere
   */
  public static Evaluation evaluate(
      Resolution res,
      InputValues inputs,
      DiagnosticSink sink,
      Map<String, String> environment,
      FileReader files,
      Path projectRoot) {
    return new Evaluator(res, inputs, sink, environment, files, projectRoot).run();
  }

  /**
   * The variables' validations first (a value they reject is not used), clouds next (pools name
   * them), then the entry files' declarations; afterwards every global and template nothing used,
   * so their errors are reported too.
   */
  private Evaluation run() {
    for (Map.Entry<String, Decl> e : res.values().entrySet()) {
      global.slots.put(e.getKey(), new Env.Slot(e.getValue(), global));
    }
    inputs = inputs.without(validations.rejected(inputs, global));
    List<EvaluatedCloud> cs = new ArrayList<>();
    for (Decl.Cloud c : res.clouds()) cs.add(clouds.of(c));
    for (SourceUnit u : res.entries()) unroller.unroll(u.decls(), global);
    Map<Span, Value> lets = new HashMap<>();
    for (Env.Slot s : global.slots.values()) {
      Value v = force(s);
      if (v != null && s.decl instanceof Decl.Let l) lets.put(l.name().span(), v);
    }
    Map<Span, EBody> bodies = new HashMap<>();
    for (Decl.Template t : res.templates().values()) bodies.put(t.name().span(), templates.of(t));
    return new Evaluation(cs, stamper.pools(), inputs, lets, bodies);
  }

  /** The value of {@code var.NAME}; null when it has none (reported). */
  private Value variable(String name) {
    InputValues.Bound b = inputs.values().get(name);
    return b == null ? null : b.value();
  }

  /** The value of a name: a let or a cloud is evaluated on first use, in its own scope. */
  private Value force(Env.Slot s) {
    if (s.state == Env.Slot.DONE) return s.value;
    if (s.state == Env.Slot.BUSY) return null; // a cycle, reported by resolution
    s.state = Env.Slot.BUSY;
    Value v;
    if (s.decl instanceof Decl.Let l) v = expressions.eval(l.value(), s.env);
    else v = clouds.of((Decl.Cloud) s.decl).value();
    s.value = v;
    s.state = Env.Slot.DONE;
    return v;
  }
}
