package dev.poolform.runtime.engine;

import dev.poolform.ir.IrHealth;
import dev.poolform.runtime.provider.ObservedMachine;
import dev.poolform.runtime.provider.ObservedMachine.MachineState;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Which machines a health block replaces, like a Cluster API MachineHealthCheck: UNHEALTHY or
 * FAILED for longer than {@code grace}, counted from when the cloud says it turned so ({@link
 * ObservedMachine#unhealthyClockStart}). Never more than {@code max_unhealthy} (a percentage of the
 * group's machines, rounded down) at once; the rest wait for the next apply.
 */
public final class HealthCheck {
  private HealthCheck() {}

  /** Machines past their grace period, oldest first (all of them, before the limit). */
  public static List<ObservedMachine> unhealthy(
      List<ObservedMachine> machines, IrHealth health, Instant now) {
    return machines.stream()
        .filter(m -> m.state() == MachineState.UNHEALTHY || m.state() == MachineState.FAILED)
        .filter(m -> !m.unhealthyClockStart().plus(health.grace()).isAfter(now))
        .sorted(
            Comparator.comparing(ObservedMachine::launchedAt).thenComparing(ObservedMachine::id))
        .toList();
  }

  /** How many machines may be replaced at once. */
  public static long limit(List<ObservedMachine> machines, IrHealth health) {
    long live = machines.stream().filter(m -> m.state() != MachineState.TERMINATING).count();
    return health.maxUnhealthy().resolveDown(live);
  }
}
