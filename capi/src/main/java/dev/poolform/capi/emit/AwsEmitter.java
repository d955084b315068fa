package dev.poolform.capi.emit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolform.ir.IrRollout;
import dev.poolform.ir.rollout.RolloutMapping;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * An {@code aws} pool as CAPA objects: AWSMachinePool (an Auto Scaling group with instance refresh)
 * for a MachinePool, or AWSMachineTemplate (single instances) for a MachineDeployment.
 */
final class AwsEmitter {
  private AwsEmitter() {}

  static final String POOL_KIND = "AWSMachinePool";
  static final String TEMPLATE_KIND = "AWSMachineTemplate";

  /** EBS root volumes smaller than this are rejected by the CRD. */
  static final long MIN_ROOT_GIB = 8;

  static Infra machinePool(PoolContext ctx) {
    MachineReader m = new MachineReader(ctx.pool.machine(), "machine");
    ObjectNode doc = Nodes.header(ApiVersions.AWS, POOL_KIND, ctx.name, ctx.capi.namespace());
    ObjectNode spec = doc.putObject("spec");
    spec.put("minSize", ctx.pool.capacity().min());
    spec.put("maxSize", ctx.pool.capacity().max());
    List<String> zones = m.texts("zones");
    if (!zones.isEmpty()) spec.set("availabilityZones", Nodes.list(zones));
    List<String> subnets = m.texts("subnets");
    if (!subnets.isEmpty()) {
      ArrayNode a = spec.putArray("subnets");
      subnets.forEach(id -> a.addObject().put("id", id));
    }
    ObjectNode lt = spec.putObject("awsLaunchTemplate");
    lt.put("name", ctx.name);
    instance(ctx, m, lt);
    Optional<MachineReader> spot = m.block("spot");
    List<String> types = m.texts("instance_types");
    boolean mixed =
        !types.isEmpty()
            || spot.map(
                    s ->
                        s.has("allocation")
                            || s.has("on_demand_base")
                            || s.has("on_demand_percent"))
                .orElse(false);
    if (mixed) {
      mixedInstances(ctx, m, spot, types, spec.putObject("mixedInstancesPolicy"));
    } else {
      spot.ifPresent(s -> spotOptions(s, lt));
    }
    refreshPreferences(ctx, spec.putObject("refreshPreferences"));
    if (!ctx.pool.labels().isEmpty()) spec.set("additionalTags", Nodes.strings(ctx.pool.labels()));
    if (Rollouts.deleteOrderMatters(ctx)) {
      ctx.warn(
          "rollout.delete_order",
          "`rollout.delete_order` is dropped: AWSMachinePool has no termination policy, the Auto Scaling group's default applies.");
    }
    finish(ctx, m);
    return new Infra(doc, ApiVersions.AWS, POOL_KIND, List.of());
  }

  static Infra machineTemplate(PoolContext ctx) {
    MachineReader m = new MachineReader(ctx.pool.machine(), "machine");
    ObjectNode doc = Nodes.header(ApiVersions.AWS, TEMPLATE_KIND, ctx.name, ctx.capi.namespace());
    ObjectNode spec = Nodes.object();
    instance(ctx, m, spec);
    List<String> subnets = m.texts("subnets");
    if (!subnets.isEmpty()) {
      spec.putObject("subnet").put("id", subnets.get(0));
      if (subnets.size() > 1) {
        ctx.warn(
            "machine.subnets",
            "`machine.subnets` is approximated by its first subnet `"
                + subnets.get(0)
                + "`: an AWSMachineTemplate places every machine in one subnet (use `kind = \"MachinePool\"` to spread them).");
      }
    }
    m.block("spot")
        .ifPresent(
            s -> {
              spotOptions(s, spec);
              for (String key : List.of("allocation", "on_demand_base", "on_demand_percent")) {
                if (s.has(key)) {
                  s.consume(key);
                  ctx.warn(
                      s.path(key),
                      "`"
                          + s.path(key)
                          + "` is dropped: an AWSMachineTemplate has no mixed instances policy.");
                }
              }
            });
    if (m.has("instance_types")) {
      m.consume("instance_types");
      ctx.warn(
          "machine.instance_types",
          "`machine.instance_types` is dropped: an AWSMachineTemplate has a single instance type (use `kind = \"MachinePool\"`).");
    }
    if (!ctx.pool.labels().isEmpty()) spec.set("additionalTags", Nodes.strings(ctx.pool.labels()));
    doc.putObject("spec").putObject("template").set("spec", spec);
    List<String> zones = m.texts("zones");
    finish(ctx, m);
    return new Infra(doc, ApiVersions.AWS, TEMPLATE_KIND, zones);
  }

  /** Instance type, AMI and root volume: the launch template of a pool, the spec of a template. */
  private static void instance(PoolContext ctx, MachineReader m, ObjectNode target) {
    target.put("instanceType", m.text("size").orElse(""));
    m.text("image").ifPresent(ami -> target.putObject("ami").put("id", ami));
    m.block("disk")
        .ifPresent(
            d -> {
              OptionalLong gib = d.gibibytes("size");
              Optional<String> type = d.text("type");
              if (gib.isEmpty() && type.isEmpty()) return;
              ObjectNode root = target.putObject("rootVolume");
              long size = gib.orElse(MIN_ROOT_GIB);
              if (size < MIN_ROOT_GIB) {
                ctx.warn(
                    "machine.disk.size",
                    "`machine.disk.size` is raised to "
                        + MIN_ROOT_GIB
                        + " GiB, the smallest root volume CAPA accepts.");
                size = MIN_ROOT_GIB;
              } else if (!d.wholeGibibytes("size")) {
                ctx.warn("machine.disk.size", "`machine.disk.size` is rounded up to whole GiB.");
              }
              root.put("size", size);
              type.ifPresent(t -> root.put("type", t));
            });
    if (m.has("user_data")) {
      m.consume("user_data");
      ctx.warn(
          "machine.user_data",
          "`machine.user_data` is dropped: under Cluster API the bootstrap provider writes the instance's user data.");
    }
  }

  private static void spotOptions(MachineReader spot, ObjectNode target) {
    ObjectNode o = target.putObject("spotMarketOptions");
    spot.text("max_price").ifPresent(p -> o.put("maxPrice", p));
  }

  /** Several instance types and/or an on-demand/spot split: an ASG mixed instances policy. */
  private static void mixedInstances(
      PoolContext ctx,
      MachineReader m,
      Optional<MachineReader> spot,
      List<String> types,
      ObjectNode policy) {
    if (spot.isPresent()) {
      MachineReader s = spot.get();
      ObjectNode dist = policy.putObject("instancesDistribution");
      s.integer("on_demand_base").ifPresent(n -> dist.put("onDemandBaseCapacity", n));
      // A spot block asks for spot capacity; AWS's own default (100% on demand) would buy none.
      dist.put("onDemandPercentageAboveBaseCapacity", s.integer("on_demand_percent").orElse(0));
      s.text("allocation").ifPresent(a -> dist.put("spotAllocationStrategy", a));
      if (s.has("max_price")) {
        s.consume("max_price");
        ctx.warn(
            s.path("max_price"),
            "`machine.spot.max_price` is dropped: CAPA's mixed instances policy has no spot price limit (spot instances are capped at the on-demand price).");
      }
    }
    Set<String> all = new LinkedHashSet<>(types);
    if (all.isEmpty()) all.add(m.text("size").orElse(""));
    ArrayNode overrides = policy.putArray("overrides");
    all.forEach(t -> overrides.addObject().put("instanceType", t));
  }

  /**
   * The refresh preferences from the same mapping {@code engine = "cloud"} uses (docs/rollout.md),
   * so a pool means the same under Cluster API as under Poolform's own AWS provider. Its findings
   * become W0503 where the user wrote the attribute or it is not the default; one the cloud engine
   * refuses (E0407) is approximated here, as CAPA cannot be refused, and the warning says how.
   */
  private static void refreshPreferences(PoolContext ctx, ObjectNode prefs) {
    IrRollout r = ctx.pool.rollout();
    RolloutMapping.Result mapped = RolloutMapping.map("aws", r, ctx.pool.capacity());
    RolloutMapping.AwsRefresh aws = mapped.aws();
    if (aws.instanceWarmupSeconds() > 0) prefs.put("instanceWarmup", aws.instanceWarmupSeconds());
    prefs.put("minHealthyPercentage", aws.minHealthyPercentage());
    prefs.put("maxHealthyPercentage", aws.maxHealthyPercentage());
    for (RolloutMapping.Finding f : mapped.findings()) {
      String path = "rollout." + f.attribute();
      // pause and delete_order have their own "dropped" warnings: CAPA holds neither.
      if (f.attribute().equals("pause") || f.attribute().equals("delete_order")) continue;
      if (!f.error() && !Rollouts.asked(ctx, f.attribute())) continue;
      ctx.warn(path, f.error() ? f.message() + " " + f.fallback() : f.message());
    }
  }

  static void finish(PoolContext ctx, MachineReader m) {
    for (String path : m.unused()) {
      ctx.warn(path, "`" + path + "` is dropped: no Cluster API field for AWS holds it.");
    }
  }
}
