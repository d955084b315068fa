package dev.poolform.runtime.secret;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The keys a run may use: the first makes new digests, every one verifies digests made with it.
 * After a rotation the new key comes first and the old ones stay, so that unchanged secrets still
 * verify and no pool rolls out because its digest moved to a new key.
 *
 * @param keys in order, the current one first; never empty
 * @param origin where they came from, for messages ({@code POOLFORM_STATE_KEY}, a file)
 */
public record KeyRing(List<StateKey> keys, String origin) {
  private static final java.util.regex.Pattern WORDS = java.util.regex.Pattern.compile("[,\\s]+");

  public KeyRing {
    keys = List.copyOf(keys);
    if (keys.isEmpty()) throw new IllegalArgumentException("a key ring holds at least one key");
  }

  /** The key new digests are made with. */
  public StateKey current() {
    return keys.get(0);
  }

  public Optional<StateKey> find(String id) {
    return keys.stream().filter(k -> k.id().equals(id)).findFirst();
  }

  /** The ring with {@code key} first and the others after it, each key once. */
  public KeyRing withCurrent(StateKey key) {
    Map<String, StateKey> all = new LinkedHashMap<>();
    all.put(key.id(), key);
    for (StateKey k : keys) all.putIfAbsent(k.id(), k);
    return new KeyRing(new ArrayList<>(all.values()), origin);
  }

  /**
   * Parses keys written one per line (or separated by commas or spaces); {@code #} starts a
   * comment. Empty when there is none.
   *
   * @throws IllegalArgumentException a key that is not one (the message never quotes it)
   */
  public static Optional<KeyRing> parse(String text, String origin) {
    List<StateKey> keys = new ArrayList<>();
    for (String line : (Iterable<String>) text.lines()::iterator) {
      int hash = line.indexOf('#');
      String content = hash < 0 ? line : line.substring(0, hash);
      for (String word : (Iterable<String>) WORDS.splitAsStream(content)::iterator) {
        if (word.isEmpty()) continue;
        StateKey k = StateKey.parse(word);
        if (keys.stream().noneMatch(x -> x.id().equals(k.id()))) keys.add(k);
      }
    }
    return keys.isEmpty() ? Optional.empty() : Optional.of(new KeyRing(keys, origin));
  }

  /** The ring as a key file holds it: a comment, then one key per line, the current one first. */
  public String text() {
    StringBuilder sb =
        new StringBuilder(
            "# Poolform state keys: they make the digests that state files keep of secrets.\n"
                + "# The first key makes new digests; the others still verify older ones.\n"
                + "# Share this file with everyone who plans or applies the same state (or set\n"
                + "# POOLFORM_STATE_KEY); never commit it. docs/runtime.md#secrets\n");
    for (StateKey k : keys) sb.append(k.text()).append("  # ").append(k.id()).append('\n');
    return sb.toString();
  }
}
