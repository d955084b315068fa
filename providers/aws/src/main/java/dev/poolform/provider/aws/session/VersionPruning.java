package dev.poolform.provider.aws.session;

import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;

/**
 * Which launch template versions to delete after a new one is pinned: everything older than the
 * newest {@link #KEEP} versions, except versions still in use. Pruning runs every {@link #EVERY}
 * versions rather than after each one, so its call is shared by several updates (a rollout of many
 * pools pays it for a third of them). Only a window just below the kept ones is asked for, so an
 * account that could not delete some versions once (AWS was throttling, or an emulator lacks the
 * call) catches up within the next few prunes, while each call stays small.
 */
public final class VersionPruning {
  private VersionPruning() {}

  /** Versions kept: the pinned one and the two before it, enough to roll back by hand. */
  public static final int KEEP = 3;

  /** How far below the kept versions each prune looks. */
  public static final int WINDOW = 10;

  /** Prune when the latest version number is a multiple of this (and older versions exist). */
  public static final int EVERY = 3;

  /** Whether the update that made version {@code latest} prunes. */
  public static boolean due(long latest) {
    return latest > KEEP && latest % EVERY == 0;
  }

  /**
   * @param latest the newest version number of the template
   * @param inUse versions that must stay (the pinned one, the template's default)
   * @return version numbers to delete, ascending; empty when nothing is old enough
   */
  public static List<Long> toDelete(long latest, Set<Long> inUse) {
    long newestToDelete = latest - KEEP;
    if (newestToDelete < 1) return List.of();
    long oldest = Math.max(1, newestToDelete - WINDOW + 1);
    return LongStream.rangeClosed(oldest, newestToDelete)
        .filter(v -> !inUse.contains(v))
        .boxed()
        .toList();
  }
}
