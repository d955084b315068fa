package dev.poolform.runtime.plan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poolform.runtime.provider.GroupRef;
import java.util.List;
import java.util.Optional;

/**
 * The change planned for one pool.
 *
 * @param address {@code pool.<name>}
 * @param action what apply does
 * @param cloud {@code kind.name} of the cloud the change runs on (for a replace across clouds, the
 *     new one)
 * @param before the last applied spec (null node for a create)
 * @param after the configured spec (null node for a delete)
 * @param diffs attribute-level differences between before and after
 * @param reasons sentences saying why, e.g. "machine.image changed"
 * @param repairTargets machine ids a repair will replace
 * @param group the existing group the change acts on, if any
 * @param adopt a group an interrupted apply created and state lost; apply records it in state
 * @param strays other groups an interrupted apply created for this address; apply deletes them
 */
public record PoolChange(
    String address,
    Action action,
    String cloud,
    JsonNode before,
    JsonNode after,
    List<AttributeDiff> diffs,
    List<String> reasons,
    List<String> repairTargets,
    Optional<GroupRef> group,
    Optional<GroupRef> adopt,
    List<StrayGroup> strays) {

  public PoolChange {
    strays = List.copyOf(strays);
    before = dev.poolform.ir.json.CanonicalJson.normalize(before);
    after = dev.poolform.ir.json.CanonicalJson.normalize(after);
    diffs = List.copyOf(diffs);
    reasons = List.copyOf(reasons);
    repairTargets = List.copyOf(repairTargets);
  }

  /**
   * True when apply has something to do for this pool (a no-op that adopts or cleans up counts).
   */
  public boolean isChange() {
    return action != Action.NOOP || adopt.isPresent() || !strays.isEmpty();
  }

  /** This change with more reasons (notes the plan shows with it). */
  public PoolChange withReasons(List<String> moreReasons) {
    return withStrays(strays, moreReasons);
  }

  public PoolChange withStrays(List<StrayGroup> strays, List<String> moreReasons) {
    List<String> r = new java.util.ArrayList<>(reasons);
    r.addAll(moreReasons);
    return new PoolChange(
        address, action, cloud, before, after, diffs, r, repairTargets, group, adopt, strays);
  }
}
