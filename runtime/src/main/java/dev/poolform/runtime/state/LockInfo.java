package dev.poolform.runtime.state;

import java.time.Instant;

/**
 * What the lock file says about its holder.
 *
 * @param id a random id; {@code pool force-unlock ID} must name it
 * @param who {@code user@host}
 * @param pid the holder's process id
 * @param when when it was taken
 * @param operation {@code apply}, {@code destroy}, {@code state rm}, ...
 */
public record LockInfo(String id, String who, long pid, Instant when, String operation) {
  public String host() {
    int at = who.lastIndexOf('@');
    return at < 0 ? "" : who.substring(at + 1);
  }
}
