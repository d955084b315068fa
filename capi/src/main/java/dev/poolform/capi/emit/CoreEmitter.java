package dev.poolform.capi.emit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolform.capi.emit.CapiSettings.BootstrapRef;
import dev.poolform.ir.IrCapacity;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The provider-neutral Cluster API object of a pool: a MachinePool or a MachineDeployment. */
final class CoreEmitter {
  private CoreEmitter() {}

  static ObjectNode machinePool(PoolContext ctx, Infra infra) {
    ObjectNode doc = header(ctx, "MachinePool");
    ObjectNode spec = doc.putObject("spec");
    spec.put("clusterName", ctx.capi.cluster());
    replicas(ctx, spec);
    if (!infra.failureDomains().isEmpty())
      spec.set("failureDomains", Nodes.list(infra.failureDomains()));
    ObjectNode t = spec.putObject("template").putObject("spec");
    machineSpec(ctx, infra, t);
    return doc;
  }

  static ObjectNode machineDeployment(PoolContext ctx, Infra infra) {
    ObjectNode doc = header(ctx, "MachineDeployment");
    ObjectNode spec = doc.putObject("spec");
    spec.put("clusterName", ctx.capi.cluster());
    replicas(ctx, spec);
    Map<String, String> selector = selectorLabels(ctx);
    spec.putObject("selector").set("matchLabels", Nodes.strings(selector));
    Rollouts.rollingUpdate(ctx, spec.putObject("rollout").putObject("strategy"));
    spec.putObject("deletion").put("order", Rollouts.deleteOrder(ctx.pool.rollout().deleteOrder()));
    ObjectNode template = spec.putObject("template");
    template.putObject("metadata").set("labels", Nodes.strings(selector));
    ObjectNode t = template.putObject("spec");
    machineSpec(ctx, infra, t);
    List<String> zones = infra.failureDomains();
    if (!zones.isEmpty()) {
      t.put("failureDomain", zones.get(0));
      if (zones.size() > 1) {
        ctx.warn(
            "machine.zones",
            "`machine.zones` is approximated by its first zone `"
                + zones.get(0)
                + "`: a MachineDeployment's template names one failure domain (use `kind = \"MachinePool\"` to spread machines).");
      }
    }
    return doc;
  }

  /** Labels a MachineDeployment selects its machines by (and a MachineHealthCheck too). */
  static Map<String, String> selectorLabels(PoolContext ctx) {
    Map<String, String> m = new TreeMap<>();
    m.put(ApiVersions.CLUSTER_NAME_LABEL, ctx.capi.cluster());
    m.put(ApiVersions.DEPLOYMENT_NAME_LABEL, ctx.name);
    return m;
  }

  private static ObjectNode header(PoolContext ctx, String kind) {
    ObjectNode doc = Nodes.header(ApiVersions.CORE, kind, ctx.name, ctx.capi.namespace());
    ObjectNode meta = (ObjectNode) doc.get("metadata");
    Map<String, String> labels = new TreeMap<>();
    List<String> skipped = new java.util.ArrayList<>();
    ctx.pool
        .labels()
        .forEach(
            (k, v) -> {
              if (KubeNames.isLabelKey(k) && KubeNames.isLabelValue(v)) labels.put(k, v);
              else skipped.add(k);
            });
    if (!skipped.isEmpty()) {
      String which = String.join(", ", skipped.stream().map(k -> "`" + k + "`").toList());
      ctx.warn(
          "labels",
          skipped.size() == 1
              ? "Label "
                  + which
                  + " is not a valid Kubernetes label: it becomes a cloud tag (`additionalTags`) only."
              : "Labels "
                  + which
                  + " are not valid Kubernetes labels: they become cloud tags (`additionalTags`) only.");
    }
    if (!labels.isEmpty()) meta.set("labels", Nodes.strings(labels));
    ObjectNode ann = meta.putObject("annotations");
    IrCapacity c = ctx.pool.capacity();
    ann.put(ApiVersions.MIN_SIZE, Long.toString(c.min()));
    ann.put(ApiVersions.MAX_SIZE, Long.toString(c.max()));
    if (c.external() && ctx.capi.kind() == CapiSettings.Kind.MACHINE_POOL) {
      ann.put(ApiVersions.REPLICAS_MANAGED_BY, ApiVersions.EXTERNAL_AUTOSCALER);
    }
    return doc;
  }

  /**
   * Without replicas (external), Cluster API defaults to the autoscaler's min size and leaves it.
   */
  private static void replicas(PoolContext ctx, ObjectNode spec) {
    ctx.pool.capacity().desired().ifPresent(d -> spec.put("replicas", d));
  }

  private static void machineSpec(PoolContext ctx, Infra infra, ObjectNode t) {
    t.put("clusterName", ctx.capi.cluster());
    ObjectNode bootstrap = t.putObject("bootstrap");
    ctx.capi
        .bootstrapConfig()
        .ifPresent(
            (BootstrapRef b) -> {
              ObjectNode ref = bootstrap.putObject("configRef");
              ref.put("apiGroup", ApiVersions.group(b.apiVersion()));
              ref.put("kind", b.kind());
              ref.put("name", b.name());
            });
    ctx.capi.dataSecret().ifPresent(s -> bootstrap.put("dataSecretName", s));
    ObjectNode infraRef = t.putObject("infrastructureRef");
    infraRef.put("apiGroup", ApiVersions.group(infra.apiVersion()));
    infraRef.put("kind", infra.kind());
    infraRef.put("name", ctx.name);
    t.put("version", ctx.capi.version());
    long minReady = Nodes.seconds(ctx.pool.rollout().minReady());
    if (minReady > 0) t.put("minReadySeconds", minReady);
  }
}
