package dev.poolform.capi.importer;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The provider objects (CAPZ, CAPA) back to a {@code machine} block. */
final class InfraReader {
  private InfraReader() {}

  /** What the provider object told about the pool beyond its machine block. */
  record Result(
      String cloudKind,
      Optional<String> location,
      Map<String, String> tags,
      Optional<Block> rollout,
      Optional<long[]> sizes) {}

  static Optional<Result> read(ImportContext ctx, Entry infra, Block machine) {
    Tracked r = infra.node;
    r.get("apiVersion").consume();
    r.get("kind").consume();
    PoolReader.consumeMetadata(r);
    return switch (infra.kind) {
      case "AzureMachinePool" ->
          Optional.of(azure(ctx, infra, r.get("spec"), r.at("spec.template"), machine, true));
      case "AzureMachineTemplate" ->
          Optional.of(azure(ctx, infra, r.get("spec"), r.at("spec.template.spec"), machine, false));
      case "AWSMachinePool" -> Optional.of(awsPool(ctx, infra, r.get("spec"), machine));
      case "AWSMachineTemplate" ->
          Optional.of(awsTemplate(ctx, infra, r.at("spec.template.spec"), machine));
      default -> Optional.empty();
    };
  }

  private static Result azure(
      ImportContext ctx, Entry e, Tracked spec, Tracked vm, Block machine, boolean isPool) {
    vm.get("vmSize").text().ifPresent(s -> machine.attr("size", Lit.str(s)));
    Tracked image = vm.get("image");
    Tracked mp = image.get("marketplace");
    if (mp.present() && !mp.get("thirdPartyImage").present()) {
      String ref =
          String.join(
              ":",
              mp.get("publisher").text().orElse(""),
              mp.get("offer").text().orElse(""),
              mp.get("sku").text().orElse(""),
              mp.get("version").text().orElse(""));
      machine.attr("image", Lit.str(ref));
    } else if (image.get("id").present()) {
      machine.attr("image", Lit.str(image.get("id").text().orElse("")));
    } else {
      machine.attr("image", "env(\"AZURE_IMAGE\")");
      ctx.warn(
          e,
          image,
          "the image is not a marketplace image or an image id; `machine.image` reads the environment variable AZURE_IMAGE.");
    }
    if (isPool) {
      String mode = spec.get("orchestrationMode").text().orElse("Uniform"); // CAPZ's default
      machine.attr("orchestration", Lit.str(mode.toLowerCase(Locale.ROOT)));
    }
    List<Tracked> nics = vm.get("networkInterfaces").items();
    if (nics.size() == 1 && nics.get(0).fieldNames().equals(List.of("subnetName"))) {
      machine.attr("subnet", Lit.str(nics.get(0).get("subnetName").text().orElse("")));
    } else if (nics.isEmpty() && vm.get("subnetName").present()) {
      machine.attr("subnet", Lit.str(vm.get("subnetName").text().orElse("")));
    }
    Tracked os = vm.get("osDisk");
    if (os.get("osType").present() && !os.get("osType").raw().asText().equals("Linux")) {
      ctx.warn(
          e,
          os.get("osType"),
          "`osDisk.osType` "
              + os.get("osType").raw().asText()
              + " is not imported: Poolform writes Linux machines.");
    } else {
      os.get("osType").consume();
    }
    Block disk = machine.block("disk");
    os.get("diskSizeGB").integer().ifPresent(n -> disk.attr("size", Lit.gib(n)));
    os.at("managedDisk.storageAccountType").text().ifPresent(t -> disk.attr("type", Lit.str(t)));
    Tracked spot = vm.get("spotVMOptions");
    if (spot.present()) {
      Block s = machine.block("spot").keep();
      spot.get("evictionPolicy")
          .text()
          .ifPresent(p -> s.attr("eviction", Lit.str(p.toLowerCase(Locale.ROOT))));
      maxPrice(spot, s);
      if (spot.fieldNames().isEmpty()) spot.consume();
    }
    Optional<Block> rollout = Optional.empty();
    if (isPool) {
      Tracked strategy = spec.get("strategy");
      if (strategy.present()) {
        Block b = new Block();
        if ("RollingUpdate".equals(strategy.get("type").raw().asText("RollingUpdate")))
          strategy.get("type").consume();
        PoolReader.rollingUpdate(strategy.get("rollingUpdate"), b);
        strategy
            .at("rollingUpdate.deletePolicy")
            .text()
            .ifPresent(p -> b.attr("delete_order", Lit.str(p.toLowerCase(Locale.ROOT))));
        rollout = Optional.of(b);
      }
    }
    Map<String, String> tags = tags(isPool ? spec.get("additionalTags") : vm.get("additionalTags"));
    Optional<String> location =
        isPool ? spec.get("location").text().filter(s -> !s.isEmpty()) : Optional.empty();
    return new Result("azure", location, tags, rollout, Optional.empty());
  }

  private static Result awsPool(ImportContext ctx, Entry e, Tracked spec, Block machine) {
    Tracked lt = spec.get("awsLaunchTemplate");
    instance(ctx, e, lt, machine);
    lt.get("name").consume(); // derived from the pool name on the way out
    List<String> zones = spec.get("availabilityZones").texts();
    if (!zones.isEmpty()) machine.attr("zones", Lit.list(zones));
    List<String> subnets = subnetIds(spec.get("subnets"));
    if (!subnets.isEmpty()) machine.attr("subnets", Lit.list(subnets));
    Tracked mixed = spec.get("mixedInstancesPolicy");
    if (mixed.present()) {
      List<String> types = new java.util.ArrayList<>();
      for (Tracked o : mixed.get("overrides").items()) {
        if (o.fieldNames().equals(List.of("instanceType")))
          o.get("instanceType").text().ifPresent(types::add);
      }
      String size = lt.get("instanceType").raw().asText("");
      if (!(types.size() == 1 && types.get(0).equals(size)) && !types.isEmpty()) {
        machine.attr("instance_types", Lit.list(types));
      }
      Tracked dist = mixed.get("instancesDistribution");
      if (dist.present()) {
        Block s = machine.block("spot").keep();
        dist.get("onDemandBaseCapacity")
            .integer()
            .ifPresent(n -> s.attr("on_demand_base", Lit.integer(n)));
        dist.get("onDemandPercentageAboveBaseCapacity")
            .integer()
            .ifPresent(
                n -> {
                  if (n != 0) s.attr("on_demand_percent", Lit.percent(n));
                });
        dist.get("spotAllocationStrategy").text().ifPresent(a -> s.attr("allocation", Lit.str(a)));
      }
    }
    Optional<Block> rollout = Optional.empty();
    Tracked prefs = spec.get("refreshPreferences");
    if (prefs.present()) {
      Block b = new Block();
      prefs
          .get("maxHealthyPercentage")
          .integer()
          .ifPresent(n -> b.attr("max_surge", n <= 100 ? "0" : Lit.percent(n - 100)));
      prefs
          .get("minHealthyPercentage")
          .integer()
          .ifPresent(n -> b.attr("max_unavailable", n >= 100 ? "0" : Lit.percent(100 - n)));
      prefs.get("instanceWarmup").integer().ifPresent(n -> b.attr("min_ready", Lit.seconds(n)));
      if ("Rolling".equals(prefs.get("strategy").raw().asText())) prefs.get("strategy").consume();
      if (prefs.get("disable").raw().isBoolean() && !prefs.get("disable").raw().asBoolean())
        prefs.get("disable").consume();
      rollout = Optional.of(b);
    }
    long min = spec.get("minSize").integer().orElse(-1);
    long max = spec.get("maxSize").integer().orElse(-1);
    return new Result(
        "aws",
        Optional.empty(),
        tags(spec.get("additionalTags")),
        rollout,
        Optional.of(new long[] {min, max}));
  }

  private static Result awsTemplate(ImportContext ctx, Entry e, Tracked spec, Block machine) {
    instance(ctx, e, spec, machine);
    Tracked subnet = spec.get("subnet");
    if (subnet.present() && subnet.fieldNames().equals(List.of("id"))) {
      machine.attr("subnets", Lit.list(List.of(subnet.get("id").text().orElse(""))));
    }
    return new Result(
        "aws",
        Optional.empty(),
        tags(spec.get("additionalTags")),
        Optional.empty(),
        Optional.empty());
  }

  /** Instance type, AMI, root volume and spot options: shared by launch templates and machines. */
  private static void instance(ImportContext ctx, Entry e, Tracked t, Block machine) {
    t.get("instanceType").text().ifPresent(s -> machine.attr("size", Lit.str(s)));
    Optional<String> ami = t.at("ami.id").text();
    if (ami.isPresent()) {
      machine.attr("image", Lit.str(ami.get()));
    } else {
      machine.attr("image", "env(\"AWS_AMI_ID\")");
      ctx.warn(
          e,
          t.get("ami"),
          "no `ami.id` (CAPA looks the image up); `machine.image` reads the environment variable AWS_AMI_ID.");
    }
    Tracked root = t.get("rootVolume");
    if (root.present()) {
      Block disk = machine.block("disk");
      root.get("size").integer().ifPresent(n -> disk.attr("size", Lit.gib(n)));
      root.get("type").text().ifPresent(s -> disk.attr("type", Lit.str(s)));
    }
    Tracked spot = t.get("spotMarketOptions");
    if (spot.present()) {
      Block s = machine.block("spot").keep();
      maxPrice(spot, s);
      if (spot.fieldNames().isEmpty()) spot.consume();
    }
  }

  private static List<String> subnetIds(Tracked list) {
    List<String> ids = new java.util.ArrayList<>();
    for (Tracked s : list.items()) {
      if (s.fieldNames().equals(List.of("id"))) s.get("id").text().ifPresent(ids::add);
    }
    return ids;
  }

  static Map<String, String> tags(Tracked t) {
    Map<String, String> m = new TreeMap<>();
    for (String k : t.fieldNames()) t.get(k).text().ifPresent(v -> m.put(k, v));
    return m;
  }

  /** {@code spotMarketOptions.maxPrice} (CAPA) or {@code spotVMOptions.maxPrice} (CAPZ). */
  private static void maxPrice(Tracked spot, Block s) {
    Tracked price = spot.get("maxPrice");
    if (!price.present()) return;
    Lit.number(price.raw().asText())
        .ifPresent(
            n -> {
              price.consume();
              s.attr("max_price", n);
            });
  }
}
