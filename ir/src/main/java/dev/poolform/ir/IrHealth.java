package dev.poolform.ir;

import dev.poolform.stdlib.schema.Schemas;
import dev.poolform.stdlib.value.MapValue;
import dev.poolform.stdlib.value.StringValue;
import java.time.Duration;

/**
 * The health block, like a Cluster API MachineHealthCheck: machines unhealthy longer than {@code
 * grace} are replaced when {@code repair} is {@code REPLACE}, never more than {@code maxUnhealthy}
 * at once. The defaults are the schema's ({@link Schemas#HEALTH}).
 */
public record IrHealth(Duration grace, IntOrPercent maxUnhealthy, Repair repair) {

  /**
   * The health a {@code health} block holding {@code written} means, the schema's defaults filled.
   */
  public static IrHealth of(MapValue written) {
    BlockValues b = new BlockValues(Schemas.HEALTH, written);
    return new IrHealth(
        b.duration("grace"), b.amount("max_unhealthy"), b.choice("repair", Repair.values()));
  }

  /** A pool without a health block: nothing is repaired. */
  public static final IrHealth NONE =
      of(MapValue.of(java.util.Map.of("repair", new StringValue("none"))));

  public enum Repair {
    REPLACE,
    NONE;

    public String text() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
