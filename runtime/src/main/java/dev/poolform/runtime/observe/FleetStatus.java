package dev.poolform.runtime.observe;

import dev.poolform.runtime.engine.Problem;
import java.time.Instant;
import java.util.List;

/**
 * Every pool of a configuration (and of its state) at one moment, or the problems that kept the
 * clouds from being read.
 */
public record FleetStatus(Instant at, List<PoolStatus> pools, List<Problem> problems) {
  public FleetStatus {
    pools = List.copyOf(pools);
    problems = List.copyOf(problems);
  }

  /** Every cloud could be read. */
  public boolean readOk() {
    return problems.isEmpty();
  }

  public boolean healthy() {
    return readOk() && pools.stream().allMatch(PoolStatus::healthy);
  }

  public boolean current() {
    return readOk() && pools.stream().allMatch(PoolStatus::current);
  }
}
