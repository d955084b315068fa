package dev.poolform.stdlib.value;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An immutable map with string keys in sorted order. Evaluated blocks ({@code machine { ... }}) are
 * maps too; nested blocks are nested maps. A class rather than a record so that it can carry its
 * {@link #weight()}, summed once when it is built (equality and hashing are still by the entries
 * alone).
 */
public final class MapValue implements Value {
  public static final MapValue EMPTY = new MapValue(new TreeMap<>());

  private final SortedMap<String, Value> entries;
  private final long weight;

  public MapValue(SortedMap<String, Value> entries) {
    this.entries = Collections.unmodifiableSortedMap(new TreeMap<>(entries));
    long w = 1;
    for (Map.Entry<String, Value> e : this.entries.entrySet()) {
      w = Value.addWeights(w, e.getValue().weight());
      w = Value.addWeights(w, e.getKey().length() / CHARS_PER_WEIGHT);
    }
    this.weight = w;
  }

  public SortedMap<String, Value> entries() {
    return entries;
  }

  @Override
  public long weight() {
    return weight;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MapValue m && entries.equals(m.entries);
  }

  @Override
  public int hashCode() {
    return entries.hashCode();
  }

  @Override
  public String toString() {
    return "MapValue[entries=" + entries + "]";
  }

  public static MapValue of(Map<String, ? extends Value> m) {
    return new MapValue(new TreeMap<>(m));
  }

  @Override
  public String typeName() {
    return "map";
  }

  public Optional<Value> get(String key) {
    Value v = entries.get(key);
    return v == null || v == NullValue.INSTANCE ? Optional.empty() : Optional.of(v);
  }

  /** A string (or secret's clear text) attribute, if set. */
  public Optional<String> string(String key) {
    return get(key)
        .map(
            v -> {
              if (v instanceof StringValue s) return s.value();
              if (v instanceof SecretValue s) return s.value();
              throw wrongType(key, "string", v);
            });
  }

  public Optional<Long> integer(String key) {
    return get(key)
        .map(
            v -> {
              if (v instanceof IntValue i) return i.value();
              throw wrongType(key, "int", v);
            });
  }

  public Optional<Double> number(String key) {
    return get(key)
        .map(
            v -> {
              if (v instanceof IntValue i) return (double) i.value();
              if (v instanceof NumberValue n) return n.value();
              throw wrongType(key, "number", v);
            });
  }

  public Optional<Boolean> bool(String key) {
    return get(key)
        .map(
            v -> {
              if (v instanceof BoolValue b) return b.value();
              throw wrongType(key, "bool", v);
            });
  }

  public Optional<Long> durationMillis(String key) {
    return get(key)
        .map(
            v -> {
              if (v instanceof DurationValue d) return d.millis();
              throw wrongType(key, "duration", v);
            });
  }

  public Optional<Long> bytes(String key) {
    return get(key)
        .map(
            v -> {
              if (v instanceof BytesValue b) return b.bytes();
              throw wrongType(key, "bytes", v);
            });
  }

  public Optional<MapValue> map(String key) {
    return get(key)
        .map(
            v -> {
              if (v instanceof MapValue m) return m;
              throw wrongType(key, "map", v);
            });
  }

  /** A list of strings; absent when unset. */
  public Optional<java.util.List<String>> strings(String key) {
    return get(key)
        .map(
            v -> {
              if (!(v instanceof ListValue l)) throw wrongType(key, "list<string>", v);
              return l.items().stream()
                  .map(
                      e -> {
                        if (e instanceof StringValue s) return s.value();
                        throw wrongType(key, "list<string>", v);
                      })
                  .toList();
            });
  }

  /** Reaching here means the checker let a wrong type through: a bug, not a user error. */
  private static IllegalStateException wrongType(String key, String expected, Value v) {
    return new IllegalStateException(
        "attribute `" + key + "` should be " + expected + " after checking, found " + v.typeName());
  }
}
