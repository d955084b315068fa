package dev.poolform.ir;

import java.time.Duration;

/**
 * The health block, like a Cluster API MachineHealthCheck: machines unhealthy longer than {@code
 * grace} are replaced when {@code repair} is {@code REPLACE}, never more than {@code maxUnhealthy}
 * at once.
 */
public record IrHealth(Duration grace, IntOrPercent maxUnhealthy, Repair repair) {
  /** A pool without a health block: nothing is repaired. */
  public static final IrHealth NONE =
      new IrHealth(Duration.ofMinutes(10), IntOrPercent.percentOf(100), Repair.NONE);

  public enum Repair {
    REPLACE,
    NONE;

    public String text() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
