package dev.poolform.capi.emit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An {@code azure} pool as CAPZ objects: AzureMachinePool (a VM scale set) for a MachinePool, or
 * AzureMachineTemplate (single VMs) for a MachineDeployment.
 */
final class AzureEmitter {
  private AzureEmitter() {}

  static final String POOL_KIND = "AzureMachinePool";
  static final String TEMPLATE_KIND = "AzureMachineTemplate";

  static Infra machinePool(PoolContext ctx) {
    MachineReader m = new MachineReader(ctx.pool.machine(), "machine");
    ObjectNode doc = Nodes.header(ApiVersions.AZURE, POOL_KIND, ctx.name, ctx.capi.namespace());
    ObjectNode spec = doc.putObject("spec");
    spec.put("location", ctx.pool.cloud().settings().string("location").orElse(""));
    String mode = m.text("orchestration").orElse("flexible");
    // CAPZ defaults to Uniform, Poolform to Flexible: always say which.
    spec.put("orchestrationMode", capitalised(mode));
    Rollouts.rollingUpdate(ctx, spec.putObject("strategy"))
        .put("deletePolicy", Rollouts.deleteOrder(ctx.pool.rollout().deleteOrder()));
    spec.set("template", vmSpec(ctx, m));
    if (!ctx.pool.labels().isEmpty()) spec.set("additionalTags", Nodes.strings(ctx.pool.labels()));
    List<String> zones = m.texts("zones");
    finish(ctx, m);
    return new Infra(doc, ApiVersions.AZURE, POOL_KIND, zones);
  }

  static Infra machineTemplate(PoolContext ctx) {
    MachineReader m = new MachineReader(ctx.pool.machine(), "machine");
    ObjectNode doc = Nodes.header(ApiVersions.AZURE, TEMPLATE_KIND, ctx.name, ctx.capi.namespace());
    ObjectNode spec = vmSpec(ctx, m);
    if (!ctx.pool.labels().isEmpty()) spec.set("additionalTags", Nodes.strings(ctx.pool.labels()));
    doc.putObject("spec").putObject("template").set("spec", spec);
    Optional<String> mode = m.text("orchestration");
    if (mode.isPresent()
        && (ctx.written("machine.orchestration") || !mode.get().equals("flexible"))) {
      ctx.warn(
          "machine.orchestration",
          "`machine.orchestration` is dropped: a MachineDeployment creates single VMs, not a scale set.");
    }
    List<String> zones = m.texts("zones");
    finish(ctx, m);
    return new Infra(doc, ApiVersions.AZURE, TEMPLATE_KIND, zones);
  }

  /** The VM description both kinds share (AzureMachinePool's template, AzureMachine's spec). */
  private static ObjectNode vmSpec(PoolContext ctx, MachineReader m) {
    ObjectNode t = Nodes.object();
    t.put("vmSize", m.text("size").orElse(""));
    m.text("image").ifPresent(image -> t.set("image", image(image)));
    ObjectNode os = t.putObject("osDisk");
    os.put("osType", "Linux");
    m.block("disk")
        .ifPresent(
            d -> {
              d.gibibytes("size").ifPresent(gib -> os.put("diskSizeGB", gib));
              if (!d.wholeGibibytes("size")) {
                ctx.warn(
                    "machine.disk.size",
                    "`machine.disk.size` is rounded up to whole GiB for `diskSizeGB`.");
              }
              d.text("type")
                  .ifPresent(type -> os.putObject("managedDisk").put("storageAccountType", type));
            });
    m.block("spot")
        .ifPresent(
            s -> {
              ObjectNode spot = t.putObject("spotVMOptions");
              s.text("eviction").ifPresent(e -> spot.put("evictionPolicy", capitalised(e)));
              s.text("max_price").ifPresent(p -> spot.put("maxPrice", p));
            });
    m.text("subnet")
        .ifPresent(subnet -> t.putArray("networkInterfaces").addObject().put("subnetName", subnet));
    if (m.has("user_data")) {
      m.consume("user_data");
      ctx.warn(
          "machine.user_data",
          "`machine.user_data` is dropped: under Cluster API the bootstrap provider writes the VM's custom data.");
    }
    return t;
  }

  /** {@code publisher:offer:sku:version} is a marketplace image; anything else a resource id. */
  static ObjectNode image(String image) {
    ObjectNode node = Nodes.object();
    String[] parts = image.split(":", -1);
    if (parts.length == 4 && !image.startsWith("/")) {
      ObjectNode mp = node.putObject("marketplace");
      mp.put("publisher", parts[0]);
      mp.put("offer", parts[1]);
      mp.put("sku", parts[2]);
      mp.put("version", parts[3]);
    } else {
      node.put("id", image);
    }
    return node;
  }

  static String capitalised(String s) {
    return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
  }

  static void finish(PoolContext ctx, MachineReader m) {
    for (String path : m.unused()) {
      ctx.warn(path, "`" + path + "` is dropped: no Cluster API field for Azure holds it.");
    }
  }
}
