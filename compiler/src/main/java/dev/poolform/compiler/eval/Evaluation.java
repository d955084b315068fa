package dev.poolform.compiler.eval;

import dev.poolform.compiler.inputs.InputValues;
import dev.poolform.source.Span;
import dev.poolform.stdlib.value.Value;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What evaluation produced: the clouds and every stamped pool, in source order, and the variables'
 * values that passed their validations; and, for editors that show values, the top-level lets and
 * the templates.
 *
 * @param lets the value of every top-level let whose evaluation succeeded, by the span of its name
 * @param templates every template with what it inherits merged underneath, by the span of its name
 */
public record Evaluation(
    List<EvaluatedCloud> clouds,
    List<PoolInstance> pools,
    InputValues inputs,
    Map<Span, Value> lets,
    Map<Span, EBody> templates) {
  public Evaluation {
    clouds = List.copyOf(clouds);
    pools = List.copyOf(pools);
    lets = Collections.unmodifiableMap(new HashMap<>(lets));
    templates = Collections.unmodifiableMap(new HashMap<>(templates));
  }
}
