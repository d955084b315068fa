package dev.poolform.capi.emit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolform.ir.IntOrPercent;
import dev.poolform.ir.IrRollout;
import java.util.Locale;

/** The parts of the rollout mapping shared by every kind of output. */
final class Rollouts {
  private Rollouts() {}

  /**
   * Warns about the rollout settings no Cluster API object holds, when the user wrote them or they
   * differ from the default (a default nobody asked for is not worth a warning).
   */
  static void warnInexpressible(PoolContext ctx) {
    IrRollout r = ctx.pool.rollout();
    IrRollout d = IrRollout.DEFAULT;
    if (ctx.written("rollout.pause") || !r.pause().equals(d.pause())) {
      ctx.warn(
          "rollout.pause",
          "`rollout.pause` is dropped: Cluster API rolls out without pauses between batches.");
    }
    if (ctx.written("rollout.timeout") || !r.timeout().equals(d.timeout())) {
      ctx.warn(
          "rollout.timeout",
          "`rollout.timeout` is dropped: Cluster API keeps rolling out until it succeeds, with no deadline.");
    }
    if (ctx.written("rollout.auto_rollback") || r.autoRollback() != d.autoRollback()) {
      ctx.warn(
          "rollout.auto_rollback",
          "`rollout.auto_rollback` is dropped: Cluster API does not roll back a failed rollout.");
    }
    if (!r.alarms().isEmpty()) {
      ctx.warn(
          "rollout.alarms",
          "`rollout.alarms` is dropped: no Cluster API object names alarms to watch during a rollout.");
    }
    if (ctx.written("rollout.engine") || r.engine() != d.engine()) {
      ctx.warn(
          "rollout.engine",
          "`rollout.engine` is dropped: under Cluster API the controllers always run the rollout.");
    }
  }

  /**
   * Whether the user asked for the rollout attribute: wrote it (in the pool or a template) or it is
   * not the default. A default nobody asked for is not worth a warning.
   */
  static boolean asked(PoolContext ctx, String attribute) {
    IrRollout r = ctx.pool.rollout();
    IrRollout d = IrRollout.DEFAULT;
    boolean isDefault =
        switch (attribute) {
          case "max_surge" -> r.maxSurge().equals(d.maxSurge());
          case "max_unavailable" -> r.maxUnavailable().equals(d.maxUnavailable());
          case "min_ready" -> r.minReady().equals(d.minReady());
          case "pause" -> r.pause().equals(d.pause());
          case "delete_order" -> r.deleteOrder() == d.deleteOrder();
          default -> false;
        };
    return ctx.written("rollout." + attribute) || !isDefault;
  }

  /** {@code Oldest}, {@code Newest} or {@code Random}, as CAPI and CAPZ spell it. */
  static String deleteOrder(IrRollout.DeleteOrder order) {
    String t = order.text();
    return t.substring(0, 1).toUpperCase(Locale.ROOT) + t.substring(1);
  }

  /** Whether {@code delete_order} needs mentioning where it cannot be expressed. */
  static boolean deleteOrderMatters(PoolContext ctx) {
    return asked(ctx, "delete_order");
  }

  /**
   * An IntOrString for surge or unavailability; Kubernetes only parses whole percentages, so a
   * fractional one is rounded (surge up, unavailability down: never more disruption than asked).
   */
  static JsonNode intOrString(PoolContext ctx, String path, IntOrPercent v, boolean roundUp) {
    if (v.percent() && v.value() != Math.rint(v.value())) {
      double whole = roundUp ? Math.ceil(v.value()) : Math.floor(v.value());
      ctx.warn(
          path,
          "`"
              + path
              + "` = "
              + v
              + " is rounded to "
              + (long) whole
              + "%: Kubernetes accepts whole percentages only.");
      return Nodes.intOrPercent(IntOrPercent.percentOf(whole));
    }
    return Nodes.intOrPercent(v);
  }

  /** {@code type: RollingUpdate} with surge and unavailability, as CAPI and CAPZ write it. */
  static ObjectNode rollingUpdate(PoolContext ctx, ObjectNode strategy) {
    IrRollout r = ctx.pool.rollout();
    strategy.put("type", "RollingUpdate");
    ObjectNode ru = strategy.putObject("rollingUpdate");
    ru.set("maxSurge", intOrString(ctx, "rollout.max_surge", r.maxSurge(), true));
    ru.set(
        "maxUnavailable", intOrString(ctx, "rollout.max_unavailable", r.maxUnavailable(), false));
    return ru;
  }
}
