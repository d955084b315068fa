package dev.poolform.runtime.state;

import dev.poolform.runtime.provider.GroupRef;
import java.time.Instant;

/**
 * A cloud group this state gave up with {@code pool state rm}: it left the lineage. Poolform
 * removes its ownership tags when it releases it, and remembers it here as well, so that even a
 * group whose tags could not be removed (the cloud refused, the network failed) is never adopted as
 * a leftover nor deleted as a stray by this configuration. {@code pool import} takes it back.
 *
 * @param address the pool it was, e.g. {@code pool.handoff}
 * @param cloud the cloud it lives on, with its settings as state had them
 * @param group how to find it
 * @param releasedAt when it was released
 * @param untagged whether its {@code poolform:lineage} and {@code poolform:address} tags were
 *     removed; false when the cloud refused, and the group still carries this lineage's tag
 */
public record ReleasedGroup(
    String address, StateCloud cloud, GroupRef group, Instant releasedAt, boolean untagged) {

  /** The same group on another cloud key (the cloud was renamed: it points at the same place). */
  public ReleasedGroup onCloud(StateCloud c) {
    return new ReleasedGroup(address, c, group, releasedAt, untagged);
  }
}
