package dev.poolform.runtime.engine;

import dev.poolform.runtime.plan.Plan;
import java.util.List;
import java.util.Optional;

/**
 * A plan, or the problems that prevented one (a cloud that could not be read, a provider that is
 * missing), plus what was read and the state planned against: the state read, with each entry bound
 * to its cloud by what the cloud points at ({@link CloudBindings}). Apply starts from that state.
 */
public record PlanOutcome(
    Optional<Plan> plan,
    List<Problem> problems,
    Optional<Refresh> refresh,
    dev.poolform.runtime.state.State state) {
  public PlanOutcome {
    problems = List.copyOf(problems);
  }

  public boolean ok() {
    return plan.isPresent();
  }
}
