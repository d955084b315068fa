package dev.poolform.runtime;

import dev.poolform.runtime.engine.PoolResult;
import dev.poolform.runtime.engine.Problem;
import dev.poolform.runtime.plan.Plan;
import dev.poolform.runtime.state.State;
import java.util.List;
import java.util.Optional;

/**
 * The result of an apply or destroy: the plan carried out (empty if planning failed), one result
 * per changed pool (ok / failed with the cloud's details / skipped), problems that stopped the
 * apply before any pool (a cloud that could not be read), and the state it left.
 */
public record ApplyResult(
    Optional<Plan> plan, List<PoolResult> pools, List<Problem> problems, State state) {
  public ApplyResult {
    pools = List.copyOf(pools);
    problems = List.copyOf(problems);
  }

  /** True when nothing failed: the CLI exits 0. */
  public boolean ok() {
    return problems.isEmpty() && pools.stream().allMatch(p -> p.status() == PoolResult.Status.OK);
  }

  /** True when the apply was interrupted before every pool was done (the CLI exits 130). */
  public boolean interrupted() {
    return pools.stream().anyMatch(p -> p.status() == PoolResult.Status.INTERRUPTED);
  }

  public long count(PoolResult.Status s) {
    return pools.stream().filter(p -> p.status() == s).count();
  }
}
