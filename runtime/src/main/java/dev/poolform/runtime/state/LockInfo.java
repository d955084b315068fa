package dev.poolform.runtime.state;

import java.time.Instant;

/**
 * What the lock file says about its holder.
 *
 * @param id a random id; {@code pool force-unlock ID} must name it. Empty for a lock another tool
 *     took (Terraform), which Poolform names but never removes
 * @param who {@code user@host}
 * @param pid the holder's process id
 * @param when when it was taken
 * @param operation {@code apply}, {@code destroy}, {@code state rm}, ...
 */
public record LockInfo(String id, String who, long pid, Instant when, String operation) {

  /** The {@code who} of a lock held with no record of its holder ({@link #unrecorded}). */
  public static final String UNRECORDED = "no holder recorded";

  /**
   * A lock that is held but names no holder: a backend whose take is two steps (an azurerm lease,
   * then its record) found the first without the second, which a run killed in between leaves. It
   * is not a lock another tool took (that one records itself), so {@code pool force-unlock ID}
   * removes it.
   *
   * @param id what names this very lock to {@code force-unlock}, derived from what the store shows
   * @param seen when the store last changed, the nearest it tells to when the lock was taken
   */
  public static LockInfo unrecorded(String id, Instant seen) {
    return new LockInfo(id, UNRECORDED, 0, seen, "");
  }

  /** Whether the holder recorded itself: false for {@link #unrecorded}. */
  public boolean recorded() {
    return !(pid == 0 && UNRECORDED.equals(who));
  }

  /** A lock another tool took: it has no id Poolform could remove it by. */
  public boolean foreign() {
    return id.isEmpty();
  }

  public String host() {
    int at = who.lastIndexOf('@');
    return at < 0 ? "" : who.substring(at + 1);
  }
}
