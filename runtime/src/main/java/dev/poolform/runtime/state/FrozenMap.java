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
  private final SortedMap<K, V> view;

  private FrozenMap(SortedMap<K, V> owned) {
    this.view = Collections.unmodifiableSortedMap(owned);
  }

  /** {@code map} itself if it is already frozen, else a frozen copy. */
  static <K, V> SortedMap<K, V> of(Map<K, V> map) {
    if (map instanceof FrozenMap<K, V> f) return f;
    return new FrozenMap<>(new TreeMap<>(map));
  }

  /** A frozen map of {@code owned}, which the caller made for it and never touches again. */
  static <K, V> SortedMap<K, V> adopt(SortedMap<K, V> owned) {
    return new FrozenMap<>(owned);
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
