package dev.poolform.provider.azure.mapping;

import dev.poolform.runtime.provider.Ownership;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Tags Poolform keeps on a scale set. Besides the labels and the engine's {@code poolform:address},
 * {@code poolform:lineage} and {@code poolform:spec-hash}, a scale set has no minimum or maximum
 * size of its own, so the pool's bounds live in {@code poolform:min} / {@code poolform:max}.
 */
public final class PoolTags {
  public static final String ADDRESS = Ownership.ADDRESS;
  public static final String LINEAGE = Ownership.LINEAGE;
  public static final String SPEC_HASH = "poolform:spec-hash";
  public static final String MIN = "poolform:min";
  public static final String MAX = "poolform:max";

  private PoolTags() {}

  public static Map<String, String> withBounds(Map<String, String> tags, long min, long max) {
    Map<String, String> out = new TreeMap<>(tags);
    out.put(MIN, Long.toString(min));
    out.put(MAX, Long.toString(max));
    return out;
  }

  public static Optional<Long> number(Map<String, String> tags, String key) {
    String v = tags == null ? null : tags.get(key);
    if (v == null) return Optional.empty();
    try {
      return Optional.of(Long.parseLong(v));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
