package dev.poolform.ir;

import java.time.Duration;

/** The rollout block with defaults filled (docs/language.md#rollout). */
public record IrRollout(
    IntOrPercent maxSurge,
    IntOrPercent maxUnavailable,
    Duration minReady,
    Duration pause,
    DeleteOrder deleteOrder,
    Duration timeout,
    boolean autoRollback,
    Engine engine) {

  public static final IrRollout DEFAULT =
      new IrRollout(
          IntOrPercent.count(1),
          IntOrPercent.count(0),
          Duration.ZERO,
          Duration.ZERO,
          DeleteOrder.OLDEST,
          Duration.ofMinutes(30),
          false,
          Engine.POOLFORM);

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
