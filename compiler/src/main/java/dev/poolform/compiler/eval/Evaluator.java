package dev.poolform.compiler.eval;

import dev.poolform.compiler.ast.Decl;
import dev.poolform.compiler.ast.SourceUnit;
import dev.poolform.compiler.diag.DiagnosticSink;
import dev.poolform.compiler.resolve.Resolution;
import dev.poolform.source.Span;
import dev.poolform.stdlib.value.Value;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Evaluates a resolved configuration (docs/language.md#declarations, #expressions). */
public final class Evaluator {
  /** Loop iterations over the whole configuration; past this, evaluation stops with E0308. */
  public static final long MAX_ITERATIONS = 1_000_000;

  private final Resolution res;
  private final Env global = new Env(null);
  private final Expressions expressions;
  private final Templates templates;
  private final Clouds clouds;
  private final Stamper stamper;
  private final Unroller unroller;

  private Evaluator(
      Resolution res,
      DiagnosticSink sink,
      Map<String, String> environment,
      FileReader files,
      Path projectRoot) {
    this.res = res;
    // Names refer to lets and clouds, whose values refer to names again: the parts reach each
    // other's values through force(), which only runs once everything here is built.
    Calls calls = new Calls(sink, files, environment, projectRoot);
    this.expressions = new Expressions(sink, this::force, calls);
    Bodies bodies = new Bodies(sink, expressions);
    this.templates = new Templates(res, bodies, global);
    this.clouds = new Clouds(bodies, global);
    this.stamper = new Stamper(sink, expressions, bodies, templates);
    this.unroller = new Unroller(sink, expressions, stamper, this::force);
  }

  public static Evaluation evaluate(
      Resolution res, DiagnosticSink sink, Map<String, String> environment) {
    return evaluate(res, sink, environment, FileReader.DISK, null);
  }

  /**
   * @param projectRoot {@code file()} may not read outside it; null: anywhere
   */
  public static Evaluation evaluate(
      Resolution res,
      DiagnosticSink sink,
      Map<String, String> environment,
      FileReader files,
      Path projectRoot) {
    return new Evaluator(res, sink, environment, files, projectRoot).run();
  }

  /**
   * Clouds first (pools name them), then the entry files' declarations; afterwards every global and
   * template nothing used, so their errors are reported too.
   */
  private Evaluation run() {
    for (Map.Entry<String, Decl> e : res.values().entrySet()) {
      global.slots.put(e.getKey(), new Env.Slot(e.getValue(), global));
    }
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
    return new Evaluation(cs, stamper.pools(), lets, bodies);
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
