package dev.poolform.runtime.engine;

import dev.poolform.ir.IrPool;
import dev.poolform.runtime.plan.PoolChange;
import dev.poolform.runtime.state.ReleasedGroup;
import dev.poolform.runtime.state.State;
import java.util.List;
import java.util.Optional;

/**
 * What the planner says about groups this state released ({@code pool state rm}). They are never
 * adopted or deleted ({@link Leftovers} skips them); a pool still configured under a released
 * group's name is planned as a create of a group of its own, with another name ({@link
 * GroupNames}), and the plan says so and how to take the released group back instead.
 */
final class Released {
  private Released() {}

  static PoolDiffer.Decision noteNameClash(
      PoolDiffer.Decision d, IrPool pool, String cloudKey, State state) {
    Optional<ReleasedGroup> clash = GroupNames.heldByReleased(state, pool);
    if (clash.isEmpty() || d.change().adopt().isPresent()) return d;
    ReleasedGroup r = clash.get();
    PoolChange c = d.change();
    String note =
        "group "
            + r.group().name()
            + " on "
            + cloudKey
            + " was released by `pool state rm "
            + r.address()
            + "` and keeps its name: the new group is named "
            + pool.name()
            + "-rXXXX; `pool import "
            + pool.address()
            + " "
            + r.group().cloudId()
            + "` takes the released one back instead";
    return new PoolDiffer.Decision(c.withReasons(List.of(note)), d.drift());
  }
}
