package dev.poolform.capi;

import static dev.poolform.capi.TestPools.*;
import static dev.poolform.testing.fixtures.Values.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poolform.capi.emit.CapiEmitter;
import dev.poolform.capi.emit.CapiResult;
import dev.poolform.capi.emit.CapiSettings;
import dev.poolform.capi.importer.CapiImporter;
import dev.poolform.capi.importer.ImportResult;
import dev.poolform.compiler.Compilation;
import dev.poolform.compiler.Compiler;
import dev.poolform.ir.IntOrPercent;
import dev.poolform.ir.IrConfig;
import dev.poolform.ir.IrHealth;
import dev.poolform.ir.IrPool;
import dev.poolform.ir.IrRollout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * import(emit(pool)) compiles to the same IR for every mapped field, and emit(import(yaml))
 * reproduces hand-written CAPZ/CAPA manifests up to field order.
 */
class RoundTripTest {

  /** Pools that use every mapped field in ways Cluster API expresses exactly (no W0503). */
  static List<IrPool> exactPools() {
    return List.of(
        aws("aws-mp")
            .capi(
                map(
                    "cluster",
                    "prod-eu",
                    "version",
                    "v1.31.2",
                    "namespace",
                    "fleet",
                    "bootstrap",
                    map("kind", "KubeadmConfigTemplate", "name", "workers")))
            .external(2, 20)
            .with(
                "zones",
                list("eu-west-1a", "eu-west-1b"),
                "disk",
                map("size", gib(100), "type", "gp3"),
                "spot",
                map("max_price", num(0.05)))
            .rollout(
                IntOrPercent.percentOf(25),
                IntOrPercent.percentOf(10),
                Duration.ofSeconds(30),
                IrRollout.DeleteOrder.OLDEST)
            .health(Duration.ofMinutes(5), IntOrPercent.percentOf(40), IrHealth.Repair.REPLACE)
            .label("team", "platform")
            .label("cost-center", "42")
            .build(),
        aws("aws-mixed")
            .capi(
                map(
                    "cluster",
                    "c1",
                    "version",
                    "v1.30.0",
                    "bootstrap",
                    map("data_secret", "c1-data")))
            .with(
                "instance_types",
                list("m6i.large", "m5.large"),
                "spot",
                map(
                    "allocation",
                    "capacity-optimized",
                    "on_demand_base",
                    i(1),
                    "on_demand_percent",
                    pct(20)))
            .rollout(
                IntOrPercent.percentOf(50),
                IntOrPercent.count(0),
                Duration.ZERO,
                IrRollout.DeleteOrder.OLDEST)
            .build(),
        aws("aws-md")
            .capi(GeneratedPools.capiFor("MachineDeployment"))
            .capacity(1, 6, 4)
            .with(
                "subnets",
                list("subnet-a"),
                "zones",
                list("eu-west-1c"),
                "spot",
                map(),
                "disk",
                map("size", gib(30)))
            .rollout(
                IntOrPercent.count(2),
                IntOrPercent.count(1),
                Duration.ofMinutes(2),
                IrRollout.DeleteOrder.NEWEST)
            .health(Duration.ofMinutes(10), IntOrPercent.count(2), IrHealth.Repair.REPLACE)
            .build(),
        azure("az-mp")
            .external(0, 50)
            .with(
                "zones",
                list("1", "2", "3"),
                "subnet",
                "workers",
                "orchestration",
                "uniform",
                "disk",
                map("size", gib(128), "type", "Premium_LRS"),
                "spot",
                map("eviction", "delete", "max_price", num(0.12)))
            .rollout(
                IntOrPercent.percentOf(20),
                IntOrPercent.count(1),
                Duration.ofMinutes(1),
                IrRollout.DeleteOrder.RANDOM)
            .health(Duration.ofMinutes(8), IntOrPercent.percentOf(100), IrHealth.Repair.REPLACE)
            .label("team", "data")
            .build(),
        azure("az-md")
            .capi(GeneratedPools.capiFor("MachineDeployment"))
            .with(
                "image",
                "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/images/base",
                "zones",
                list("2"),
                "spot",
                map("max_price", i(-1)))
            .rollout(
                IntOrPercent.count(0),
                IntOrPercent.percentOf(30),
                Duration.ZERO,
                IrRollout.DeleteOrder.NEWEST)
            .health(Duration.ofMinutes(3), IntOrPercent.percentOf(100), IrHealth.Repair.NONE)
            .build(),
        azure("az-plain").capacity(3, 3, 3).build());
  }

  @TestFactory
  Stream<DynamicTest> importOfEmitCompilesToTheSameIr() {
    return exactPools().stream()
        .map(
            p ->
                DynamicTest.dynamicTest(
                    p.name(),
                    () -> {
                      CapiResult emitted = CapiEmitter.emit(new IrConfig(1, List.of(p)));
                      assertThat(emitted.diagnostics())
                          .as("an exact pool emits without warnings")
                          .isEmpty();
                      ImportResult imported =
                          CapiImporter.importYaml(emitted.joined(), p.name() + ".yaml");
                      assertThat(imported.warnings()).isEmpty();
                      IrPool back = compileOne(imported.poolSource());
                      assertSameMappedFields(p, back);
                    }));
  }

  @TestFactory
  Stream<DynamicTest> emitOfImportReproducesSamples() throws IOException {
    Path dir = CrdValidator.repoRoot().resolve("capi/src/test/resources/samples");
    List<Path> samples;
    try (Stream<Path> s = Files.list(dir)) {
      samples = s.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(samples).hasSizeGreaterThanOrEqualTo(4);
    return samples.stream()
        .map(
            f ->
                DynamicTest.dynamicTest(
                    f.getFileName().toString(),
                    () -> {
                      String yaml = Files.readString(f);
                      List<JsonNode> original = CrdValidator.documents(yaml);
                      for (JsonNode doc : original)
                        assertThat(CrdValidator.get().validate(doc))
                            .as("the sample itself")
                            .isEmpty();
                      ImportResult imported =
                          CapiImporter.importYaml(yaml, f.getFileName().toString());
                      assertThat(imported.warnings()).isEmpty();
                      Compilation c = Compiler.compileSource("sample.pool", imported.poolSource());
                      assertThat(c.hasErrors())
                          .as("%s\n%s", c.diagnostics(), imported.poolSource())
                          .isFalse();
                      CapiResult again = CapiEmitter.emit(c.ir().orElseThrow());
                      assertThat(again.hasErrors()).isFalse();
                      // ObjectNode equality ignores key order; list order matters, as it does to
                      // Kubernetes.
                      assertThat(canonical(CrdValidator.documents(again.joined())))
                          .as(imported.poolSource())
                          .isEqualTo(canonical(original));
                    }));
  }

  /**
   * A health check's conditions are a set (any one matching makes a node unhealthy), so their order
   * is normalised; every other list keeps its order.
   */
  static List<JsonNode> canonical(List<JsonNode> docs) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode d : docs) {
      JsonNode copy = d.deepCopy();
      JsonNode conds = copy.at("/spec/checks/unhealthyNodeConditions");
      if (conds.isArray()) {
        List<JsonNode> items = new ArrayList<>();
        conds.forEach(items::add);
        items.sort(java.util.Comparator.comparing(JsonNode::toString));
        var arr = (com.fasterxml.jackson.databind.node.ArrayNode) conds;
        arr.removeAll();
        items.forEach(arr::add);
      }
      out.add(copy);
    }
    return out;
  }

  static IrPool compileOne(String source) {
    Compilation c = Compiler.compileSource("imported.pool", source);
    assertThat(c.hasErrors()).as("%s\n%s", c.diagnostics(), source).isFalse();
    assertThat(c.ir().orElseThrow().pools()).hasSize(1);
    return c.ir().get().pools().get(0);
  }

  static void assertSameMappedFields(IrPool want, IrPool got) {
    List<String> diffs = new ArrayList<>();
    check(diffs, "name", want.name(), got.name());
    check(diffs, "cloud", want.cloud().kind(), got.cloud().kind());
    check(diffs, "capacity", want.capacity(), got.capacity());
    check(diffs, "machine", want.machine(), got.machine());
    IrRollout w = want.rollout();
    IrRollout g = got.rollout();
    check(diffs, "max_surge", w.maxSurge(), g.maxSurge());
    check(diffs, "max_unavailable", w.maxUnavailable(), g.maxUnavailable());
    check(diffs, "min_ready", w.minReady(), g.minReady());
    check(diffs, "delete_order", w.deleteOrder(), g.deleteOrder());
    if (want.health().repair() == IrHealth.Repair.NONE) {
      check(diffs, "health.grace", want.health().grace(), got.health().grace());
      check(diffs, "health.repair", want.health().repair(), got.health().repair());
    } else {
      check(diffs, "health", want.health(), got.health());
    }
    check(diffs, "labels", want.labels(), got.labels());
    check(
        diffs,
        "capi",
        CapiSettings.of(want.capi().orElseThrow(), want.name()),
        CapiSettings.of(got.capi().orElseThrow(), got.name()));
    assertThat(diffs).isEmpty();
  }

  private static void check(List<String> diffs, String what, Object want, Object got) {
    if (!want.equals(got)) diffs.add(what + ": wanted " + want + ", got " + got);
  }
}
