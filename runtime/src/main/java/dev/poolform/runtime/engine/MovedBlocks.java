package dev.poolform.runtime.engine;

import dev.poolform.ir.IrMove;
import dev.poolform.runtime.state.ResourceState;
import dev.poolform.runtime.state.State;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Carries out the configuration's {@code moved} blocks on the state a plan starts from
 * (docs/language.md#moved): the entry of {@code from} becomes the entry of {@code to}, so the pool
 * keeps its cloud group and the diff sees only what else changed. Nothing is written here; an apply
 * persists the moved state with everything else it does.
 *
 * <p>A block whose old address state does not hold does nothing (it was applied before, or this
 * state never had it). A state that holds both addresses is refused, at the block: moving would put
 * two groups at one address, and deleting either is for the user to decide. A chain reaches the
 * runtime folded (each old address to where the chain ends), so a state that holds two of its
 * addresses is refused the same way.
 */
final class MovedBlocks {
  private MovedBlocks() {}

  /** The state with every move carried out, and the reason each moved pool gets in the plan. */
  record Moved(State state, Map<String, String> reasons) {}

  static Moved apply(List<IrMove> moves, State state, List<Problem> problems) {
    State s = state;
    Map<String, String> reasons = new TreeMap<>();
    // Where each moved entry came from: a chain's old addresses all lead to one new address.
    Map<String, String> movedFrom = new TreeMap<>();
    for (IrMove m : moves) {
      if (s.resource(m.from()).isEmpty()) continue;
      if (s.resource(m.to()).isPresent()) {
        String other = movedFrom.getOrDefault(m.to(), m.to());
        problems.add(
            Problem.of(
                m.to(),
                m.span()
                    + ": the `moved` block moves "
                    + m.from()
                    + " to "
                    + m.to()
                    + ", but the state holds both "
                    + m.from()
                    + " and "
                    + other
                    + " (two cloud groups): remove one with `pool state rm`, then plan again."
                    + " Nothing was changed."));
        continue;
      }
      ResourceState r = s.resource(m.from()).get();
      s = s.withoutResource(m.from()).withResource(r.withAddress(m.to()));
      movedFrom.put(m.to(), m.from());
      reasons.put(m.to(), "moved from " + m.from() + " by the `moved` block at " + m.span());
    }
    return new Moved(s, reasons);
  }
}
