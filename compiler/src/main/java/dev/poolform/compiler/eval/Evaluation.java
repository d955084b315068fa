package dev.poolform.compiler.eval;

import java.util.List;

/** What evaluation produced: the clouds and every stamped pool, in source order. */
public record Evaluation(List<EvaluatedCloud> clouds, List<PoolInstance> pools) {
  public Evaluation {
    clouds = List.copyOf(clouds);
    pools = List.copyOf(pools);
  }
}
