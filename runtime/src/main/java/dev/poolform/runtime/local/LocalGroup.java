package dev.poolform.runtime.local;

import dev.poolform.runtime.provider.Ownership;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One simulated scaling group as stored in {@code <group>.json}.
 *
 * @param name the group's name, which is also its cloud id and file name
 * @param region the simulated region (folder under {@code .poolform/local/}) it lives in
 * @param createToken the idempotency token of the create call that made it
 * @param createdAt creation time
 * @param min minimum size
 * @param max maximum size
 * @param desired machines the group keeps (failed and terminated ones are replaced)
 * @param model what new machines are launched from
 * @param tags the group's tags, {@code poolform:address} and {@code poolform:lineage} included
 * @param launches machines launched so far; feeds machine ids
 * @param settings the cloud settings the group was last touched with (boot time, fail rate, seed)
 * @param machines current members, oldest first
 */
public record LocalGroup(
    String name,
    String region,
    String createToken,
    Instant createdAt,
    long min,
    long max,
    long desired,
    LocalModel model,
    Map<String, String> tags,
    long launches,
    LocalSettings settings,
    List<LocalMachine> machines) {

  public static final String ADDRESS_TAG = Ownership.ADDRESS;
  public static final String LINEAGE_TAG = Ownership.LINEAGE;
  public static final String SPEC_HASH_TAG = "poolform:spec-hash";

  public LocalGroup {
    tags = Map.copyOf(tags);
    machines = List.copyOf(machines);
  }

  public Optional<String> address() {
    return Optional.ofNullable(tags.get(ADDRESS_TAG));
  }

  public Optional<String> lineage() {
    return Optional.ofNullable(tags.get(LINEAGE_TAG));
  }

  public Optional<LocalMachine> machine(String id) {
    return machines.stream().filter(m -> m.id().equals(id)).findFirst();
  }

  public long count(LocalMachine.Status status) {
    return machines.stream().filter(m -> m.status() == status).count();
  }

  LocalGroup withCapacity(long min, long max, long desired) {
    return new LocalGroup(
        name,
        region,
        createToken,
        createdAt,
        min,
        max,
        desired,
        model,
        tags,
        launches,
        settings,
        machines);
  }

  LocalGroup withModel(LocalModel model) {
    return new LocalGroup(
        name,
        region,
        createToken,
        createdAt,
        min,
        max,
        desired,
        model,
        tags,
        launches,
        settings,
        machines);
  }

  LocalGroup withTags(Map<String, String> tags) {
    return new LocalGroup(
        name,
        region,
        createToken,
        createdAt,
        min,
        max,
        desired,
        model,
        tags,
        launches,
        settings,
        machines);
  }

  LocalGroup withSettings(LocalSettings settings) {
    return new LocalGroup(
        name,
        region,
        createToken,
        createdAt,
        min,
        max,
        desired,
        model,
        tags,
        launches,
        settings,
        machines);
  }

  LocalGroup withMachines(List<LocalMachine> machines, long launches) {
    return new LocalGroup(
        name,
        region,
        createToken,
        createdAt,
        min,
        max,
        desired,
        model,
        tags,
        launches,
        settings,
        machines);
  }
}
