package dev.poolform.capi.importer;

import dev.poolform.capi.emit.ApiVersions;
import java.util.Optional;

/** The MachineHealthCheck that selects a pool's machines, back to a {@code health} block. */
final class HealthReader {
  private HealthReader() {}

  static Optional<Block> read(ImportContext ctx, Entry core, String cluster, boolean isPool) {
    String nameLabel = isPool ? ApiVersions.POOL_NAME_LABEL : ApiVersions.DEPLOYMENT_NAME_LABEL;
    for (Entry e : ctx.entries) {
      if (e.claimed
          || !e.kind.equals("MachineHealthCheck")
          || !e.group().equals(ApiVersions.CORE_GROUP)) continue;
      if (!e.namespace.equals(core.namespace)) continue;
      Tracked spec = e.node.get("spec");
      Tracked labels = spec.at("selector.matchLabels");
      if (!spec.get("clusterName").raw().asText("").equals(cluster)) continue;
      if (!labels.get(nameLabel).raw().asText("").equals(core.name)) continue;
      var names = labels.fieldNames();
      if (!names.stream()
          .allMatch(n -> n.equals(nameLabel) || n.equals(ApiVersions.CLUSTER_NAME_LABEL))) continue;
      if (labels.get(ApiVersions.CLUSTER_NAME_LABEL).present()
          && !labels.get(ApiVersions.CLUSTER_NAME_LABEL).raw().asText().equals(cluster)) continue;
      e.claimed = true;
      e.node.get("apiVersion").consume();
      e.node.get("kind").consume();
      PoolReader.consumeMetadata(e.node);
      spec.get("clusterName").consume();
      labels.consume();
      Block h = new Block();
      long grace = -1;
      for (Tracked c : spec.at("checks.unhealthyNodeConditions").items()) {
        String type = c.get("type").raw().asText("");
        String status = c.get("status").raw().asText("");
        if (type.equals("Ready") && (status.equals("False") || status.equals("Unknown"))) {
          var t = c.get("timeoutSeconds").integer();
          if (t.isPresent()) {
            c.get("type").consume();
            c.get("status").consume();
            grace = Math.max(grace, t.getAsLong());
          }
        }
      }
      if (grace >= 0) h.attr("grace", Lit.seconds(grace));
      Tracked limit = spec.at("remediation.triggerIf.unhealthyLessThanOrEqualTo");
      Optional<String> max = Lit.intOrPercent(limit);
      if (max.isPresent() && max.get().equals("0")) h.attr("repair", Lit.str("none"));
      else max.ifPresent(m -> h.attr("max_unhealthy", m));
      if (max.isEmpty() && limit.present())
        ctx.warn(
            e, limit, "`unhealthyLessThanOrEqualTo` is neither a count nor a percentage; ignored.");
      return Optional.of(h.keep());
    }
    return Optional.empty();
  }
}
