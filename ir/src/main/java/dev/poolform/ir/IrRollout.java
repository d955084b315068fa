package dev.poolform.ir;

import dev.poolform.stdlib.schema.Schemas;
import dev.poolform.stdlib.value.MapValue;
import java.time.Duration;
import java.util.List;

/**
 * The rollout block with defaults filled (docs/language.md#rollout). The defaults are the schema's
 * ({@link Schemas#ROLLOUT}); {@link #of} is the one way a block becomes this record.
 *
 * @param alarms names of the alarms that fail a cloud rollout when one goes off (AWS CloudWatch
 *     alarms with {@code engine = "cloud"}; the checker refuses them anywhere else)
 */
public record IrRollout(
    IntOrPercent maxSurge,
    IntOrPercent maxUnavailable,
    Duration minReady,
    Duration pause,
    DeleteOrder deleteOrder,
    Duration timeout,
    boolean autoRollback,
    Engine engine,
    List<String> alarms) {

  public IrRollout {
    alarms = List.copyOf(alarms);
  }

  /** A rollout that watches no alarms. */
  public IrRollout(
      IntOrPercent maxSurge,
      IntOrPercent maxUnavailable,
      Duration minReady,
      Duration pause,
      DeleteOrder deleteOrder,
      Duration timeout,
      boolean autoRollback,
      Engine engine) {
    this(
        maxSurge,
        maxUnavailable,
        minReady,
        pause,
        deleteOrder,
        timeout,
        autoRollback,
        engine,
        List.of());
  }

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
        b.choice("delete_order", DeleteOrder.values()),
        b.duration("timeout"),
        b.bool("auto_rollback"),
        b.choice("engine", Engine.values()),
        b.strings("alarms"));
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
