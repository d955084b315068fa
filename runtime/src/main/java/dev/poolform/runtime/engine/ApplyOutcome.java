package dev.poolform.runtime.engine;

import dev.poolform.runtime.state.State;
import java.util.List;

/** Per-pool results of an apply and the state it left. */
public record ApplyOutcome(List<PoolResult> pools, State state) {
  public ApplyOutcome {
    pools = List.copyOf(pools);
  }

  public boolean ok() {
    return pools.stream().allMatch(p -> p.status() == PoolResult.Status.OK);
  }
}
