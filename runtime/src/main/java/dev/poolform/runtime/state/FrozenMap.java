package dev.poolform.runtime.state;

import java.util.AbstractMap;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An unmodifiable sorted map whose contents no one else can reach, so that a {@link State} can hand
 * it to the next version unchanged instead of copying it. An apply makes a new state for every
 * intent it records and clears; copying thousands of resources each time made it quadratic.
 */
@SuppressWarnings("JdkObsolete") // State's API has been a SortedMap; this only stands in for one.
final class FrozenMap<K, V> extends AbstractMap<K, V> implements SortedMap<K, V> {
  /**
   * Past this many single-key changes in a row the log starts over (the next diff across the break
   * compares whole maps once), so a long-lived process does not keep every key it ever changed.
   */
  private static final int MAX_LOG = 100_000;

  private final SortedMap<K, V> view;

  /** Identifies this map in the {@link Change} log of the maps derived from it. */
  private final Object version = new Object();

  /** How this map was made from earlier ones, newest change first; null if not known. */
  private final Change log;

  /** One key changed to make a map from the map whose version was {@code before}. */
  private record Change(Object key, Object before, Change older, int depth) {}

  private FrozenMap(SortedMap<K, V> owned, Change log) {
    this.view = Collections.unmodifiableSortedMap(owned);
    this.log = log;
  }

  /** {@code map} itself if it is already frozen, else a frozen copy. */
  static <K, V> SortedMap<K, V> of(Map<K, V> map) {
    if (map instanceof FrozenMap<K, V> f) return f;
    return new FrozenMap<>(new TreeMap<>(map), null);
  }

  /** A frozen map of {@code owned}, which the caller made for it and never touches again. */
  static <K, V> SortedMap<K, V> adopt(SortedMap<K, V> owned) {
    return new FrozenMap<>(owned, null);
  }

  /**
   * A frozen map of {@code owned}, made from {@code from} by changing (putting or removing) only
   * {@code key}; {@link #changedSince} can then name the keys two versions differ in without
   * comparing them whole.
   */
  static <K, V> SortedMap<K, V> derive(Map<K, V> from, SortedMap<K, V> owned, K key) {
    if (!(from instanceof FrozenMap<K, V> f)) return adopt(owned);
    int depth = f.log == null ? 1 : f.log.depth() + 1;
    Change older = depth > MAX_LOG ? null : f.log;
    return new FrozenMap<>(owned, new Change(key, f.version, older, older == null ? 1 : depth));
  }

  /**
   * The keys whose entries may differ between {@code older} and {@code newer}, when {@code newer}
   * was derived from {@code older} through single-key changes; empty when that is not known (then
   * compare them whole). An apply writes after every step, so the log walked is a few changes.
   */
  static <K> java.util.Optional<Set<K>> changedSince(Map<K, ?> older, Map<K, ?> newer) {
    if (!(older instanceof FrozenMap<K, ?> o) || !(newer instanceof FrozenMap<K, ?> n)) {
      return java.util.Optional.empty();
    }
    Set<K> keys = new java.util.HashSet<>();
    Object target = o.version;
    if (n.version == target) return java.util.Optional.of(keys);
    for (Change c = n.log; c != null; c = c.older()) {
      @SuppressWarnings("unchecked") // every key in a map's log was a key of that map's type
      K k = (K) c.key();
      keys.add(k);
      if (c.before() == target) return java.util.Optional.of(keys);
    }
    return java.util.Optional.empty();
  }

  @Override
  public Comparator<? super K> comparator() {
    return view.comparator();
  }

  @Override
  public SortedMap<K, V> subMap(K fromKey, K toKey) {
    return view.subMap(fromKey, toKey);
  }

  @Override
  public SortedMap<K, V> headMap(K toKey) {
    return view.headMap(toKey);
  }

  @Override
  public SortedMap<K, V> tailMap(K fromKey) {
    return view.tailMap(fromKey);
  }

  @Override
  public K firstKey() {
    return view.firstKey();
  }

  @Override
  public K lastKey() {
    return view.lastKey();
  }

  @Override
  public Set<K> keySet() {
    return view.keySet();
  }

  @Override
  public Collection<V> values() {
    return view.values();
  }

  @Override
  public Set<Map.Entry<K, V>> entrySet() {
    return view.entrySet();
  }

  @Override
  public V get(Object key) {
    return view.get(key);
  }

  @Override
  public boolean containsKey(Object key) {
    return view.containsKey(key);
  }

  @Override
  public int size() {
    return view.size();
  }

  @Override
  public boolean equals(Object o) {
    return o == this || view.equals(o);
  }

  @Override
  public int hashCode() {
    return view.hashCode();
  }
}
