package dev.poolform.capi.importer;

import dev.poolform.capi.emit.ApiVersions;
import dev.poolform.capi.emit.CapiSettings;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * A MachinePool or MachineDeployment (with its provider object and health check) back to a pool.
 */
final class PoolReader {
  private PoolReader() {}

  /** Metadata the API server sets: not configuration, so not worth a warning. */
  private static final List<String> SERVER_METADATA =
      List.of(
          "uid", "resourceVersion", "generation", "creationTimestamp", "managedFields", "selfLink");

  private static final List<String> MACHINE_ORDER =
      List.of(
          "size",
          "image",
          "zones",
          "subnets",
          "subnet",
          "orchestration",
          "instance_types",
          "disk",
          "spot");
  private static final List<String> ROLLOUT_ORDER =
      List.of("max_surge", "max_unavailable", "min_ready", "delete_order");
  private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  static void consumeMetadata(Tracked obj) {
    Tracked meta = obj.get("metadata");
    meta.get("name").consume();
    meta.get("namespace").consume();
    SERVER_METADATA.forEach(k -> meta.get(k).consume());
    meta.at("annotations").get(LAST_APPLIED).consume();
    obj.get("status").consume();
  }

  static Optional<ImportedPool> read(ImportContext ctx, Entry core) {
    boolean isPool = core.kind.equals("MachinePool");
    Tracked r = core.node;
    Tracked spec = r.get("spec");
    Tracked tspec = spec.at("template.spec");
    Tracked ref = tspec.get("infrastructureRef");
    String infraKind = ref.get("kind").raw().asText("");
    String infraName = ref.get("name").raw().asText("");
    Optional<Entry> infra = ctx.find(ApiVersions.INFRA_GROUP, infraKind, infraName, core.namespace);
    if (infra.isEmpty()) {
      ctx.warn(
          core,
          ref,
          "its infrastructureRef "
              + infraKind
              + " `"
              + infraName
              + "` is not in the input; the pool is not imported.");
      return Optional.empty();
    }
    core.claimed = true;
    infra.get().claimed = true;
    r.get("apiVersion").consume();
    r.get("kind").consume();
    consumeMetadata(r);
    ref.consume();
    Block body = new Block();
    Block capacity = body.block("capacity");
    Block machine = body.block("machine");
    Block rollout = body.block("rollout");
    Block health = body.block("health");
    Optional<InfraReader.Result> ir = InfraReader.read(ctx, infra.get(), machine);
    if (ir.isEmpty()) {
      ctx.warn(
          core,
          ref.get("kind"),
          "its infrastructureRef kind "
              + infraKind
              + " is not one Poolform knows; the pool is not imported.");
      return Optional.empty();
    }
    String cluster = spec.get("clusterName").text().orElse("");
    if (tspec.get("clusterName").raw().asText(cluster).equals(cluster))
      tspec.get("clusterName").consume();
    capacity(ctx, core, r, spec, ir.get(), capacity);
    // Zones live on the core object: a list for a MachinePool, one for a MachineDeployment.
    List<String> zones =
        isPool
            ? spec.get("failureDomains").texts()
            : tspec.get("failureDomain").text().map(List::of).orElse(List.of());
    if (!zones.isEmpty()) machine.attr("zones", Lit.list(zones));
    if (ir.get().cloudKind().equals("aws")
        && !machine.items().containsKey("zones")
        && !machine.items().containsKey("subnets")) {
      // CAPA falls back to the cluster's subnets; a Poolform pool must name its own.
      machine.attr("subnets", "split(\",\", env(\"AWS_SUBNETS\"))");
      ctx.warn(
          core,
          "no subnets or zones (CAPA uses the cluster's subnets); `machine.subnets` reads the comma-separated environment variable AWS_SUBNETS.");
    }
    ir.get().rollout().ifPresent(b -> copy(b, rollout));
    // v1beta1 (what most clusters still serve) keeps the strategy, the delete policy and
    // minReadySeconds elsewhere than v1beta2 does.
    boolean v1beta1 = core.apiVersion.equals(ApiVersions.CORE_GROUP + "/v1beta1");
    if (!isPool) {
      Tracked strategy = v1beta1 ? spec.get("strategy") : spec.at("rollout.strategy");
      if ("RollingUpdate".equals(strategy.get("type").raw().asText()))
        strategy.get("type").consume();
      rollingUpdate(strategy.get("rollingUpdate"), rollout);
      (v1beta1 ? strategy.at("rollingUpdate.deletePolicy") : spec.at("deletion.order"))
          .text()
          .ifPresent(o -> rollout.attr("delete_order", Lit.str(o.toLowerCase(Locale.ROOT))));
      selector(core, spec, cluster);
    }
    (v1beta1 ? spec : tspec)
        .get("minReadySeconds")
        .integer()
        .ifPresent(n -> rollout.attr("min_ready", Lit.seconds(n)));
    HealthReader.read(ctx, core, cluster, isPool).ifPresent(h -> copy(h, health.keep()));
    Map<String, String> labels = new TreeMap<>(ir.get().tags());
    Tracked metaLabels = r.at("metadata.labels");
    for (String k : metaLabels.fieldNames()) {
      if (k.startsWith(ApiVersions.CORE_GROUP + "/")) continue;
      String v = metaLabels.get(k).text().orElse("");
      labels.putIfAbsent(k, v);
    }
    if (!labels.isEmpty()) body.attr("labels", Lit.map(labels));
    capi(core, tspec, cluster, isPool, body.block("capi"));
    machine.reorder(MACHINE_ORDER);
    rollout.reorder(ROLLOUT_ORDER);
    Optional<String> zoneHint = zones.stream().findFirst();
    if (zoneHint.isEmpty()) {
      zoneHint =
          infra.get().node.at("spec.availabilityZones").raw().path(0).textValue() == null
              ? Optional.empty()
              : Optional.of(infra.get().node.at("spec.availabilityZones").raw().path(0).asText());
    }
    return Optional.of(
        new ImportedPool(
            core.name, ir.get().cloudKind(), cluster, ir.get().location(), zoneHint, body));
  }

  private static void capacity(
      ImportContext ctx, Entry core, Tracked r, Tracked spec, InfraReader.Result ir, Block out) {
    Tracked ann = r.at("metadata.annotations");
    OptionalLong annMin = count(ctx, core, ann.get(ApiVersions.MIN_SIZE));
    OptionalLong annMax = count(ctx, core, ann.get(ApiVersions.MAX_SIZE));
    boolean managed = ann.get(ApiVersions.REPLICAS_MANAGED_BY).present();
    ann.get(ApiVersions.REPLICAS_MANAGED_BY).consume();
    OptionalLong replicas = count(ctx, core, spec.get("replicas"));
    long[] sizes = ir.sizes().orElse(new long[] {-1, -1});
    if (annMin.isPresent() && sizes[0] >= 0 && annMin.getAsLong() != sizes[0]) {
      ctx.warn(
          core,
          ann.get(ApiVersions.MIN_SIZE),
          "the autoscaler min-size annotation and the provider's minSize differ; the annotation is used.");
    }
    if (annMax.isPresent() && sizes[1] >= 0 && annMax.getAsLong() != sizes[1]) {
      ctx.warn(
          core,
          ann.get(ApiVersions.MAX_SIZE),
          "the autoscaler max-size annotation and the provider's maxSize differ; the annotation is used.");
    }
    long fallback = replicas.orElse(1);
    long min = annMin.orElse(sizes[0] >= 0 ? sizes[0] : fallback);
    long max = annMax.orElse(sizes[1] >= 0 ? sizes[1] : Math.max(fallback, 1));
    boolean external =
        managed || (replicas.isEmpty() && (annMin.isPresent() || annMax.isPresent()));
    if (replicas.isPresent() && !external) {
      long d = replicas.getAsLong();
      if (d < min || d > max) {
        ctx.warn(
            core,
            spec.get("replicas"),
            "replicas "
                + d
                + " lie outside the autoscaler's "
                + min
                + ".."
                + max
                + "; the range is widened to include them.");
        min = Math.min(min, d);
        max = Math.max(max, d);
      }
    }
    out.attr("min", Lit.integer(min));
    out.attr("max", Lit.integer(Math.max(max, 1)));
    if (external) out.attr("desired", "external");
    else replicas.ifPresent(d -> out.attr("desired", Lit.integer(d)));
  }

  /**
   * A machine count: empty when absent; an error when present but not a whole number of at least 0
   * (read past, it would silently change what the pool's capacity means, e.g. into {@code desired =
   * external}).
   */
  private static OptionalLong count(ImportContext ctx, Entry core, Tracked t) {
    if (!t.present()) return OptionalLong.empty();
    OptionalLong n = t.integer();
    if (n.isEmpty() || n.getAsLong() < 0) {
      throw ctx.error(
          core, t, "`" + t.path() + "` is " + t.raw() + ", not a whole number of machines.");
    }
    return n;
  }

  /** The selector a MachineDeployment must have; anything else stays for the warning list. */
  private static void selector(Entry core, Tracked spec, String cluster) {
    for (Tracked labels :
        List.of(spec.at("selector.matchLabels"), spec.at("template.metadata.labels"))) {
      if (labels.get(ApiVersions.CLUSTER_NAME_LABEL).raw().asText("").equals(cluster)) {
        labels.get(ApiVersions.CLUSTER_NAME_LABEL).consume();
      }
      if (labels.get(ApiVersions.DEPLOYMENT_NAME_LABEL).raw().asText("").equals(core.name)) {
        labels.get(ApiVersions.DEPLOYMENT_NAME_LABEL).consume();
      }
    }
  }

  private static void capi(Entry core, Tracked tspec, String cluster, boolean isPool, Block capi) {
    capi.attr("cluster", Lit.str(cluster));
    if (!core.namespace.equals(CapiSettings.DEFAULT_NAMESPACE))
      capi.attr("namespace", Lit.str(core.namespace));
    tspec.get("version").text().ifPresent(v -> capi.attr("version", Lit.str(v)));
    if (!isPool) capi.attr("kind", Lit.str("MachineDeployment"));
    Block b = capi.block("bootstrap");
    Tracked ref = tspec.at("bootstrap.configRef");
    if (ref.present()) {
      CapiSettings.Kind kind =
          isPool ? CapiSettings.Kind.MACHINE_POOL : CapiSettings.Kind.MACHINE_DEPLOYMENT;
      String k = ref.get("kind").text().orElse("");
      String name = ref.get("name").text().orElse("");
      String apiVersion =
          ref.get("apiVersion").present()
              ? ref.get("apiVersion").text().orElse("")
              : ref.get("apiGroup")
                  .text()
                  .map(g -> g + "/v1beta2")
                  .orElse(ApiVersions.BOOTSTRAP_DEFAULT);
      if (!k.equals(CapiSettings.BootstrapRef.defaultKind(kind))) b.attr("kind", Lit.str(k));
      if (!name.equals(core.name)) b.attr("name", Lit.str(name));
      if (!ApiVersions.group(apiVersion).equals(ApiVersions.group(ApiVersions.BOOTSTRAP_DEFAULT))
          || (ref.get("apiVersion").present()
              && !apiVersion.equals(ApiVersions.BOOTSTRAP_DEFAULT))) {
        b.attr("api_version", Lit.str(apiVersion));
      }
    }
    tspec.at("bootstrap.dataSecretName").text().ifPresent(s -> b.attr("data_secret", Lit.str(s)));
  }

  /** maxSurge / maxUnavailable of a RollingUpdate. */
  static void rollingUpdate(Tracked ru, Block out) {
    Lit.intOrPercent(ru.get("maxSurge")).ifPresent(v -> out.attr("max_surge", v));
    Lit.intOrPercent(ru.get("maxUnavailable")).ifPresent(v -> out.attr("max_unavailable", v));
  }

  static void copy(Block from, Block to) {
    from.items()
        .forEach(
            (k, v) -> {
              if (v instanceof String s) to.attr(k, s);
            });
  }
}
