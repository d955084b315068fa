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
 * group's name is planned as a create, which the cloud will refuse while the released group holds
 * the name, so the plan says so up front.
 */
final class Released {
  private Released() {}

  static PoolDiffer.Decision noteNameClash(
      PoolDiffer.Decision d, IrPool pool, String cloudKey, State state) {
    Optional<ReleasedGroup> clash =
        state.released().stream()
            .filter(r -> r.cloud().key().equals(cloudKey))
            .filter(r -> r.group().name().equals(pool.name()))
            .findFirst();
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
            + "` and still holds this name: the create fails unless it is gone; `pool import "
            + pool.address()
            + " "
            + r.group().cloudId()
            + "` takes it back instead";
    return new PoolDiffer.Decision(c.withReasons(List.of(note)), d.drift());
  }
}
