package dev.poolform.capi.emit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolform.ir.IrHealth;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code health} block as a MachineHealthCheck: a node that is not Ready (False or Unknown) for
 * longer than {@code grace} is unhealthy; remediation runs while at most {@code max_unhealthy}
 * machines are unhealthy. {@code repair = "none"} keeps the checks but never remediates ({@code
 * unhealthyLessThanOrEqualTo: 0}).
 */
final class HealthCheckEmitter {
  private HealthCheckEmitter() {}

  static ObjectNode healthCheck(PoolContext ctx) {
    IrHealth h = ctx.pool.health();
    ObjectNode doc =
        Nodes.header(ApiVersions.CORE, "MachineHealthCheck", ctx.name, ctx.capi.namespace());
    ObjectNode spec = doc.putObject("spec");
    spec.put("clusterName", ctx.capi.cluster());
    spec.putObject("selector").set("matchLabels", Nodes.strings(selector(ctx)));
    long grace = Nodes.seconds(h.grace());
    ArrayNode conditions = spec.putObject("checks").putArray("unhealthyNodeConditions");
    for (String status : new String[] {"False", "Unknown"}) {
      ObjectNode c = conditions.addObject();
      c.put("type", "Ready");
      c.put("status", status);
      c.put("timeoutSeconds", grace);
    }
    ObjectNode trigger = spec.putObject("remediation").putObject("triggerIf");
    if (h.repair() == IrHealth.Repair.NONE) {
      trigger.set("unhealthyLessThanOrEqualTo", IntNode.valueOf(0));
      if (ctx.written("health.max_unhealthy")) {
        ctx.warn(
            "health.max_unhealthy",
            "`health.max_unhealthy` is dropped: with `repair = \"none\"` the check never remediates (`unhealthyLessThanOrEqualTo: 0`).");
      }
    } else {
      trigger.set(
          "unhealthyLessThanOrEqualTo",
          Rollouts.intOrString(ctx, "health.max_unhealthy", h.maxUnhealthy(), false));
    }
    return doc;
  }

  /** Machines of a MachineDeployment carry its name; machines of a MachinePool the pool's. */
  private static Map<String, String> selector(PoolContext ctx) {
    if (ctx.capi.kind() == CapiSettings.Kind.MACHINE_DEPLOYMENT)
      return CoreEmitter.selectorLabels(ctx);
    Map<String, String> m = new TreeMap<>();
    m.put(ApiVersions.CLUSTER_NAME_LABEL, ctx.capi.cluster());
    m.put(ApiVersions.POOL_NAME_LABEL, ctx.name);
    return m;
  }
}
