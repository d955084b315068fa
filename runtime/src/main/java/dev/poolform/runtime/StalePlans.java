package dev.poolform.runtime;

import dev.poolform.ir.IrConfig;
import dev.poolform.runtime.plan.LiveGroups;
import dev.poolform.runtime.plan.Plan;
import dev.poolform.runtime.plan.PlanFileException;
import dev.poolform.runtime.spec.PoolSpecs;
import dev.poolform.runtime.state.State;
import dev.poolform.runtime.state.StateException;
import dev.poolform.runtime.state.StateStore;
import java.util.List;
import java.util.Optional;

/**
 * The checks a saved plan passes before it is applied: the state's lineage and serial, the
 * configuration's hash and what the clouds show must all be as when it was made. Each refusal says
 * what moved and to plan again.
 */
final class StalePlans {
  private StalePlans() {}

  /** The state, if it is still the one {@code plan} was made against. */
  static State state(StateStore store, Plan plan) throws StateException, PlanFileException {
    State state;
    try {
      state = store.read(Optional.of(plan.priorLineage()));
    } catch (StateException e) {
      if (e.kind() == StateException.Kind.FOREIGN_LINEAGE) {
        throw new PlanFileException(
            "The saved plan is stale: it was made for state lineage "
                + plan.priorLineage()
                + ", and the state now has another. Run `pool plan` again.");
      }
      throw e;
    }
    if (state.serial() != plan.priorSerial()) {
      throw new PlanFileException(
          "The saved plan is stale: it was made against state serial "
              + plan.priorSerial()
              + ", and the state is now at serial "
              + state.serial()
              + ". Run `pool plan` again.");
    }
    return state;
  }

  /** Refuses {@code plan} when the (sealed) configuration is no longer the one it was made of. */
  static void checkConfig(IrConfig sealed, Plan plan) throws PlanFileException {
    if (!PoolSpecs.configHash(sealed).equals(plan.configHash())) {
      throw new PlanFileException(
          "The saved plan is stale: the configuration, compiled again, gives other pools than"
              + " the plan was made for. Either its files changed since, or its variables have"
              + " other values: apply a saved plan with the same `--var` and `--var-file` options"
              + " (and POOL_VAR_ variables) as `pool plan` had. Otherwise run `pool plan` again.");
    }
  }

  /** Refuses {@code plan} when the clouds no longer show what they showed it ({@code now}). */
  static void checkLive(Plan plan, Plan now) throws PlanFileException {
    if (!now.liveFingerprint().equals(plan.liveFingerprint())) {
      List<String> moved = LiveGroups.changes(plan.live(), now.live());
      throw new PlanFileException(
          "The saved plan is stale: the clouds changed since it was made"
              + (moved.isEmpty()
                  ? " (a group was resized, retagged, created or deleted)"
                  : ": " + String.join("; ", moved))
              + ". Run `pool plan` again.");
    }
  }
}
