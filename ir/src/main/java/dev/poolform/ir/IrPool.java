package dev.poolform.ir;

import dev.poolform.stdlib.value.MapValue;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * One evaluated, checked pool with every default filled in.
 *
 * @param address {@code pool.<name>}
 * @param name the pool's name: the cloud resource name
 * @param cloud the cloud it runs on
 * @param capacity min/max/desired
 * @param machine the cloud-specific machine block (docs/language.md#clouds-and-machines), checked
 *     against the cloud's schema; nested blocks are nested maps; user data and {@code secret()}
 *     values are {@code SecretValue}s
 * @param rollout the rollout settings, defaults filled
 * @param health the health block; {@link IrHealth#NONE} when the pool has none
 * @param labels tags for every cloud resource
 * @param after addresses of pools whose changes must finish first
 * @param capi the {@code capi} block for Cluster API output, if given
 * @param origin where in the source each attribute came from, for errors found later
 */
public record IrPool(
    String address,
    String name,
    IrCloud cloud,
    IrCapacity capacity,
    MapValue machine,
    IrRollout rollout,
    IrHealth health,
    SortedMap<String, String> labels,
    List<String> after,
    Optional<MapValue> capi,
    IrOrigin origin) {

  public IrPool {
    labels = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(labels));
    after = List.copyOf(after);
  }

  /** This pool with another machine block (the runtime seals the secrets in it). */
  public IrPool withMachine(MapValue m) {
    return new IrPool(
        address, name, cloud, capacity, m, rollout, health, labels, after, capi, origin);
  }

  public static String addressOf(String name) {
    return "pool." + name;
  }
}
