package dev.poolform.runtime.engine;

import dev.poolform.ir.IrHealth;
import dev.poolform.ir.IrPool;
import dev.poolform.runtime.provider.ObservedMachine;
import java.time.Instant;
import java.util.List;

/**
 * What a pool's health block asks of this plan: which unhealthy machines to replace, and a reason
 * either way, so a user sees sick machines even when nothing may be done about them ({@code repair
 * = "none"}, or a limit of zero at this size). Apply replaces them in batches of {@code
 * max_unhealthy}, each once the previous batch's replacements are available ({@link RepairStep}).
 */
final class HealthRepair {
  private HealthRepair() {}

  /**
   * The machines to replace, oldest first; empty when none may be.
   *
   * @param reasons receives what was found
   */
  static List<String> targets(
      IrPool pool, List<ObservedMachine> machines, Instant now, List<String> reasons) {
    List<ObservedMachine> bad = HealthCheck.unhealthy(machines, pool.health(), now);
    if (bad.isEmpty()) return List.of();
    long limit = HealthCheck.limit(machines, pool.health());
    List<String> ids = bad.stream().map(ObservedMachine::id).toList();
    if (pool.health().repair() == IrHealth.Repair.NONE) {
      reasons.add(
          Counted.machines(bad.size())
              + " unhealthy for longer than "
              + Durations.text(pool.health().grace())
              + " ("
              + String.join(", ", ids)
              + "); repair = \"none\": reported only");
      return List.of();
    }
    if (limit <= 0) {
      reasons.add(
          Counted.machines(bad.size())
              + " unhealthy ("
              + String.join(", ", ids)
              + ") but max_unhealthy allows no repair at this size");
      return List.of();
    }
    reasons.add(
        Counted.machines(bad.size())
            + " unhealthy for longer than "
            + Durations.text(pool.health().grace())
            + "; replacing "
            + String.join(", ", ids)
            + (limit < ids.size()
                ? " (max_unhealthy allows "
                    + limit
                    + " at once: the next batch starts when the replacements are available)"
                : ""));
    return ids;
  }
}
