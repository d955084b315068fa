package dev.poolform.ir;

import dev.poolform.stdlib.schema.Schemas;
import dev.poolform.stdlib.value.MapValue;
import java.time.Duration;

/**
 * The rollout block with defaults filled (docs/language.md#rollout). The defaults are the schema's
 * ({@link Schemas#ROLLOUT}); {@link #of} is the one way a block becomes this record.
 */
public record IrRollout(
    IntOrPercent maxSurge,
    IntOrPercent maxUnavailable,
    Duration minReady,
    Duration pause,
    DeleteOrder deleteOrder,
    Duration timeout,
    boolean autoRollback,
    Engine engine) {

  /**
   * The rollout a {@code rollout} block holding {@code written} means: every attribute it leaves
   * out (or holds with the wrong type, which the checker reports) takes the schema's default.
   */
  public static IrRollout of(MapValue written) {
    BlockValues b = new BlockValues(Schemas.ROLLOUT, written);
    return new IrRollout(
        b.amount("max_surge"),
        b.amount("max_unavailable"),
        b.duration("min_ready"),
        b.duration("pause"),
        b.choice("delete_order", DeleteOrder.class),
        b.duration("timeout"),
        b.bool("auto_rollback"),
        b.choice("engine", Engine.class));
  }

  /** A pool without a rollout block. */
  public static final IrRollout DEFAULT = of(MapValue.EMPTY);

  public enum DeleteOrder {
    OLDEST,
    NEWEST,
    RANDOM;

    public String text() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public enum Engine {
    POOLFORM,
    CLOUD;

    public String text() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
