package dev.poolform.compiler.query;

import dev.poolform.compiler.ast.Decl;
import dev.poolform.compiler.eval.EBody;
import dev.poolform.compiler.eval.EvaluatedCloud;
import dev.poolform.compiler.eval.Evaluation;
import dev.poolform.compiler.eval.PoolInstance;
import dev.poolform.compiler.inputs.InputValues;
import dev.poolform.compiler.inputs.Variable;
import dev.poolform.source.Span;
import dev.poolform.stdlib.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The values evaluation computed, looked up by where they were written: a top-level let's value,
 * and an attribute's value in a template, a cloud or the pools stamped from a declaration. Lookups
 * walk the evaluation on demand, since an editor asks about one place at a time and compiling must
 * not pay for an index nobody reads.
 */
public final class KnownValues {
  /** Nothing evaluated (syntax errors, or evaluation stopped). */
  public static final KnownValues NONE = new KnownValues(null);

  private final Evaluation evaluation;

  private KnownValues(Evaluation evaluation) {
    this.evaluation = evaluation;
  }

  public static KnownValues of(Evaluation evaluation) {
    return new KnownValues(evaluation);
  }

  /** The value of a top-level let, when evaluation reached it without an error. */
  public Optional<Value> let(Decl.Let let) {
    if (evaluation == null || let == null) return Optional.empty();
    return Optional.ofNullable(evaluation.lets().get(let.name().span()));
  }

  /**
   * The distinct values of the attribute whose name is written at {@code nameSpan}, at most {@code
   * limit}: one for a template's or a cloud's attribute, one per distinct value among the pools
   * stamped from a pool declaration (a loop may give each pool its own).
   */
  public List<Value> attribute(Span nameSpan, int limit) {
    Set<Value> out = new LinkedHashSet<>();
    if (evaluation == null) return List.of();
    for (EBody t : evaluation.templates().values()) collect(t, nameSpan, out, limit);
    for (EvaluatedCloud c : evaluation.clouds()) collect(c.body(), nameSpan, out, limit);
    if (out.isEmpty()) {
      for (PoolInstance p : evaluation.pools()) {
        if (out.size() >= limit) break;
        collect(p.body(), nameSpan, out, limit);
      }
    }
    return new ArrayList<>(out);
  }

  /**
   * The checked form of the variable declared by {@code decl} (type, description, default), when
   * evaluation ran; a second declaration of a name has none.
   */
  public Optional<Variable> variable(Decl.Variable decl) {
    if (evaluation == null) return Optional.empty();
    Variable v = evaluation.inputs().variables().get(decl.name().name());
    return v != null && v.decl().span().equals(decl.span()) ? Optional.of(v) : Optional.empty();
  }

  /**
   * The value the variable declared by {@code decl} takes and where it was set, when it has one. A
   * sensitive variable's strings are secrets, which {@code ValueText} never spells out.
   */
  public Optional<InputValues.Bound> input(Decl.Variable decl) {
    if (variable(decl).isEmpty()) return Optional.empty();
    return Optional.ofNullable(evaluation.inputs().values().get(decl.name().name()));
  }

  /** The evaluated names of the pools stamped from {@code pool}, in order. */
  public List<String> poolNames(Decl.Pool pool) {
    List<String> out = new ArrayList<>();
    if (evaluation == null) return out;
    for (PoolInstance p : evaluation.pools()) {
      if (p.decl().span().equals(pool.span())) out.add(p.name());
    }
    return out;
  }

  /** The kinds of the clouds the pools stamped from {@code pool} run on. */
  public Set<String> cloudKinds(Decl.Pool pool) {
    Set<String> out = new LinkedHashSet<>();
    if (evaluation == null) return out;
    for (PoolInstance p : evaluation.pools()) {
      if (p.decl().span().equals(pool.span()) && p.cloud() != null) out.add(p.cloud().kind());
    }
    return out;
  }

  private static void collect(EBody body, Span nameSpan, Set<Value> out, int limit) {
    if (body == null) return;
    for (EBody.Item item : body.items().values()) {
      if (out.size() >= limit) return;
      if (item instanceof EBody.Attr a) {
        if (nameSpan.equals(a.nameSpan()) && a.value() != null) out.add(a.value());
      } else if (item instanceof EBody.Block b) {
        collect(b.body(), nameSpan, out, limit);
      }
    }
  }
}
