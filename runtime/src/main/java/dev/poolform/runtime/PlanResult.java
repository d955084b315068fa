package dev.poolform.runtime;

import dev.poolform.runtime.engine.Problem;
import dev.poolform.runtime.plan.Plan;
import dev.poolform.runtime.state.State;
import java.util.List;
import java.util.Optional;

/**
 * The result of {@link Workspace#plan}: a plan, or the problems that prevented one (a cloud that
 * could not be read). {@code state} is the state the plan was made against; {@code notices} are
 * sentences for the user that do not stop anything (a state key was made, the state keeps unkeyed
 * digests of secrets).
 */
public record PlanResult(
    Optional<Plan> plan, List<Problem> problems, State state, List<String> notices) {
  public PlanResult {
    problems = List.copyOf(problems);
    notices = List.copyOf(notices);
  }

  public PlanResult(Optional<Plan> plan, List<Problem> problems, State state) {
    this(plan, problems, state, List.of());
  }

  public boolean ok() {
    return plan.isPresent() && problems.isEmpty();
  }
}
