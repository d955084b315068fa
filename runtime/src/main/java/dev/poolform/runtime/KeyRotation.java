package dev.poolform.runtime;

import dev.poolform.runtime.secret.KeyRing;
import dev.poolform.runtime.secret.KeySource;
import dev.poolform.runtime.secret.Sealer;
import dev.poolform.runtime.state.State;
import dev.poolform.runtime.state.StateException;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@code pool state rekey}: a new state key, put first, the older ones kept to verify the digests
 * they made (docs/runtime.md#rotating-the-key). It changes no state: an unchanged secret keeps its
 * digest, so nothing rolls out.
 */
final class KeyRotation {
  private KeyRotation() {}

  /**
   * Rotates {@code source}'s keys for {@code state}.
   *
   * @throws StateException of kind {@code KEY}: the keys come from {@code POOLFORM_STATE_KEY}, or
   *     the state holds digests under a key this run does not have (a new key would split them)
   */
  static Rekeyed rotate(State state, KeySource source) throws StateException {
    SortedMap<String, List<String>> use = Sealer.keyUse(state);
    Optional<KeyRing> ring = source.ring();
    List<String> lacking =
        use.keySet().stream()
            .filter(id -> !id.isEmpty() && ring.flatMap(r -> r.find(id)).isEmpty())
            .toList();
    if (!lacking.isEmpty()) {
      throw new StateException(
          StateException.Kind.KEY,
          "The state holds secret digests made with state key "
              + String.join(", ", lacking)
              + ", which "
              + source.where()
              + " does not hold. Get that key first (from whoever applied this state) and put it"
              + " in "
              + source.where()
              + ": a new key alone would leave those digests unverifiable.");
    }
    KeyRing rotated = source.rotate();
    String current = rotated.current().id();
    SortedMap<String, List<String>> older = new TreeMap<>(use);
    older.remove(current);
    return new Rekeyed(current, source.where(), older);
  }
}
