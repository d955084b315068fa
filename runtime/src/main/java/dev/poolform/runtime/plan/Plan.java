package dev.poolform.runtime.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * A plan: pure data, the input of apply.
 *
 * @param configHash hash of the configuration planned ({@link
 *     dev.poolform.runtime.spec.PoolSpecs#configHash})
 * @param priorLineage the state lineage it was made against
 * @param priorSerial the state serial it was made against
 * @param liveFingerprint hash of {@code live}
 * @param changes one per pool (no-ops included), in address order; none in a refresh-only plan
 * @param drift what changed outside Poolform
 * @param live the groups read from the clouds, as {@link LiveGroups} describes them (empty in a
 *     plan file of an earlier version)
 * @param request the mode, targets and forced replacements it was made for
 */
public record Plan(
    String configHash,
    String priorLineage,
    long priorSerial,
    String liveFingerprint,
    List<PoolChange> changes,
    List<Drift> drift,
    ObjectNode live,
    PlanRequest request) {

  public Plan {
    changes = List.copyOf(changes);
    drift = List.copyOf(drift);
    live = (ObjectNode) dev.poolform.ir.json.CanonicalJson.normalize(live);
  }

  /** A plan of the whole configuration, nothing forced, whose groups read are known by hash. */
  public Plan(
      String configHash,
      String priorLineage,
      long priorSerial,
      String liveFingerprint,
      List<PoolChange> changes,
      List<Drift> drift) {
    this(
        configHash,
        priorLineage,
        priorSerial,
        liveFingerprint,
        changes,
        drift,
        dev.poolform.ir.json.CanonicalJson.object(),
        PlanRequest.ALL);
  }

  /** True when apply has something to do: a change, or for a refresh-only plan drift to record. */
  public boolean hasChanges() {
    if (request.refreshOnly()) return !drift.isEmpty();
    return changes.stream().anyMatch(PoolChange::isChange);
  }

  public Optional<PoolChange> change(String address) {
    return changes.stream().filter(c -> c.address().equals(address)).findFirst();
  }

  /** Number of pools with the given action. */
  public long count(Action a) {
    return changes.stream().filter(c -> c.action() == a).count();
  }
}
