package dev.poolform.compiler.eval;

import dev.poolform.compiler.inputs.InputValues;
import java.util.List;

/**
 * What evaluation produced: the clouds and every stamped pool, in source order, and the variables'
 * values that passed their validations.
 */
public record Evaluation(
    List<EvaluatedCloud> clouds, List<PoolInstance> pools, InputValues inputs) {
  public Evaluation {
    clouds = List.copyOf(clouds);
    pools = List.copyOf(pools);
  }
}
