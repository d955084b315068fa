package dev.poolform.runtime.engine;

import dev.poolform.ir.IrPool;
import dev.poolform.runtime.state.ReleasedGroup;
import dev.poolform.runtime.state.ResourceState;
import dev.poolform.runtime.state.State;
import java.util.Optional;

/**
 * The name of a pool's new group. Normally the pool's name; but a cloud holds one group per name,
 * and the state may already key a group of that name on the pool's cloud to another address (a pool
 * renamed with {@code pool state mv} or a {@code moved} block keeps its group, and the group its
 * name) or remember one as released. A create under that name would meet that group, and a provider
 * that takes a retried create's group back would hand it to the new pool too: two pools on one
 * group, or a released group adopted. So the new group is named {@code NAME-rXXXX} instead, the
 * suffix taken from the create's token as a replace names its new group: a create retried with its
 * token gets the same name.
 */
final class GroupNames {
  private GroupNames() {}

  /** The other pool in {@code state} whose group has the pool's name on its cloud. */
  static Optional<String> heldByPool(State state, IrPool pool) {
    String cloud = Sessions.key(pool.cloud());
    for (ResourceState r : state.resources().values()) {
      if (r.address().equals(pool.address())) continue;
      if (r.cloud().key().equals(cloud) && r.group().name().equals(pool.name()))
        return Optional.of(r.address());
    }
    return Optional.empty();
  }

  /** The released group with the pool's name on its cloud. */
  static Optional<ReleasedGroup> heldByReleased(State state, IrPool pool) {
    String cloud = Sessions.key(pool.cloud());
    return state.released().stream()
        .filter(r -> r.cloud().key().equals(cloud) && r.group().name().equals(pool.name()))
        .findFirst();
  }

  /** The name a create with {@code token} gives the pool's new group. */
  static String forCreate(State state, IrPool pool, String token) {
    boolean held = heldByPool(state, pool).isPresent() || heldByReleased(state, pool).isPresent();
    return held ? suffixed(pool.name(), token) : pool.name();
  }

  static String suffixed(String name, String token) {
    return name + "-r" + token.substring(0, 4);
  }

  /** The reason a plan gives for a suffixed name. */
  static String reason(IrPool pool, String holder) {
    return "group name "
        + pool.name()
        + " is held on "
        + Sessions.key(pool.cloud())
        + " by the group of "
        + holder
        + ": the new group is named "
        + pool.name()
        + "-rXXXX";
  }
}
