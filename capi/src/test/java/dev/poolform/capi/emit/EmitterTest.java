package dev.poolform.capi.emit;

import static dev.poolform.capi.TestPools.*;
import static dev.poolform.testing.fixtures.Values.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poolform.capi.CrdValidator;
import dev.poolform.capi.GeneratedPools;
import dev.poolform.compiler.diag.Code;
import dev.poolform.compiler.diag.Diagnostic;
import dev.poolform.ir.IntOrPercent;
import dev.poolform.ir.IrCloud;
import dev.poolform.ir.IrConfig;
import dev.poolform.ir.IrPool;
import dev.poolform.ir.IrRollout;
import dev.poolform.testing.fixtures.Pools;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the mapping writes, field by field, and what it warns about. */
class EmitterTest {

  static CapiResult emit(IrPool... pools) {
    return CapiEmitter.emit(new IrConfig(1, List.of(pools)));
  }

  static List<JsonNode> docs(IrPool pool) {
    CapiResult r = emit(pool);
    assertThat(r.hasErrors()).as("%s", r.diagnostics()).isFalse();
    return CrdValidator.documents(r.files().get(0).content());
  }

  /** The AWSMachinePool's refresh preferences of a one-pool result (warnings allowed). */
  static JsonNode refreshPreferences(CapiResult r) {
    return CrdValidator.documents(r.files().get(0).content()).get(1).at("/spec/refreshPreferences");
  }

  static List<String> messages(CapiResult r) {
    return r.diagnostics().stream().map(d -> d.code() + " " + d.message()).toList();
  }

  @Test
  void capacityBecomesReplicasAndAutoscalerAnnotations() {
    List<JsonNode> d = docs(aws("web").capacity(2, 8, 4).build());
    assertThat(d.get(0).at("/spec/replicas").asInt()).isEqualTo(4);
    JsonNode ann = d.get(0).at("/metadata/annotations");
    assertThat(ann.path(ApiVersions.MIN_SIZE).asText()).isEqualTo("2");
    assertThat(ann.path(ApiVersions.MAX_SIZE).asText()).isEqualTo("8");
    assertThat(ann.has(ApiVersions.REPLICAS_MANAGED_BY)).isFalse();
    assertThat(d.get(1).at("/spec/minSize").asInt()).isEqualTo(2);
    assertThat(d.get(1).at("/spec/maxSize").asInt()).isEqualTo(8);
  }

  @Test
  void externalDesiredSendsNoReplicas() {
    List<JsonNode> d = docs(azure("web").external(1, 9).build());
    assertThat(d.get(0).at("/spec").has("replicas")).isFalse();
    assertThat(d.get(0).at("/metadata/annotations").path(ApiVersions.REPLICAS_MANAGED_BY).asText())
        .isEqualTo("external-autoscaler");
  }

  @Test
  void v1beta2ReferencesUseApiGroup() {
    JsonNode spec = docs(aws("web").build()).get(0).at("/spec/template/spec");
    assertThat(spec.at("/infrastructureRef/apiGroup").asText())
        .isEqualTo("infrastructure.cluster.x-k8s.io");
    assertThat(spec.at("/infrastructureRef/kind").asText()).isEqualTo("AWSMachinePool");
    assertThat(spec.at("/bootstrap/configRef/apiGroup").asText())
        .isEqualTo("bootstrap.cluster.x-k8s.io");
    assertThat(spec.at("/bootstrap/configRef/kind").asText()).isEqualTo("KubeadmConfig");
    assertThat(spec.at("/bootstrap/configRef/name").asText()).isEqualTo("web");
    assertThat(spec.path("version").asText()).isEqualTo("v1.31.2");
  }

  @Test
  void azureRolloutIsTheScaleSetStrategy() {
    IrPool p =
        azure("web")
            .rollout(
                IntOrPercent.percentOf(25),
                IntOrPercent.count(1),
                Duration.ofSeconds(45),
                IrRollout.DeleteOrder.NEWEST)
            .build();
    List<JsonNode> d = docs(p);
    JsonNode ru = d.get(1).at("/spec/strategy/rollingUpdate");
    assertThat(ru.path("maxSurge").asText()).isEqualTo("25%");
    assertThat(ru.path("maxUnavailable").isInt()).isTrue();
    assertThat(ru.path("deletePolicy").asText()).isEqualTo("Newest");
    assertThat(d.get(1).at("/spec/orchestrationMode").asText()).isEqualTo("Flexible");
    assertThat(d.get(0).at("/spec/template/spec/minReadySeconds").asInt()).isEqualTo(45);
    assertThat(d.get(1).at("/spec/template/image/marketplace/offer").asText())
        .isEqualTo("ubuntu-24_04-lts");
  }

  @Test
  void awsRolloutIsAnInstanceRefresh() {
    IrPool p =
        aws("web")
            .rollout(
                IntOrPercent.percentOf(50),
                IntOrPercent.percentOf(20),
                Duration.ofMinutes(2),
                IrRollout.DeleteOrder.OLDEST)
            .build();
    JsonNode prefs = docs(p).get(1).at("/spec/refreshPreferences");
    assertThat(prefs.path("minHealthyPercentage").asInt()).isEqualTo(80);
    assertThat(prefs.path("maxHealthyPercentage").asInt()).isEqualTo(150);
    assertThat(prefs.path("instanceWarmup").asInt()).isEqualTo(120);
  }

  @Test
  void instanceRefreshPercentagesStayWithin100OfEachOther() {
    IrPool p =
        aws("web")
            .rollout(
                IntOrPercent.percentOf(100),
                IntOrPercent.percentOf(50),
                Duration.ZERO,
                IrRollout.DeleteOrder.OLDEST)
            .build();
    CapiResult r = emit(p);
    JsonNode prefs = refreshPreferences(r);
    assertThat(prefs.path("minHealthyPercentage").asInt()).isEqualTo(50);
    assertThat(prefs.path("maxHealthyPercentage").asInt()).isEqualTo(150);
    assertThat(messages(r))
        .contains(
            "W0503 AWS instance refresh needs MaxHealthyPercentage - MinHealthyPercentage <= 100,"
                + " but `max_surge` (100%) plus `max_unavailable` (50%) is 150%. `max_surge` is"
                + " lowered to 50% (MaxHealthyPercentage 150).");
  }

  /**
   * The instance refresh percentages come from the same mapping the compiler warns with (W0502 for
   * {@code engine = "cloud"}): a count is converted against desired and a surge rounds up, so 1 of
   * 3 machines is 34%, never fewer new machines than asked for.
   */
  @Test
  void instanceRefreshSurgeCountRoundsUpLikeTheCloudEngine() {
    IrPool p =
        aws("web")
            .capacity(1, 10, 3L)
            .rollout(
                IntOrPercent.count(1),
                IntOrPercent.count(0),
                Duration.ZERO,
                IrRollout.DeleteOrder.OLDEST)
            .written("rollout.max_surge")
            .build();
    CapiResult r = emit(p);
    JsonNode prefs = refreshPreferences(r);
    assertThat(prefs.path("maxHealthyPercentage").asInt()).isEqualTo(134);
    assertThat(prefs.path("minHealthyPercentage").asInt()).isEqualTo(100);
    assertThat(messages(r))
        .containsExactly(
            "W0503 AWS instance refresh takes whole percentages, so `max_surge = 1` (33.33% of 3"
                + " machines) becomes 34%.");
  }

  /**
   * Under {@code desired = external} a count is converted against {@code min}, as the compiler's
   * W0502 says for {@code engine = "cloud"}: one mapping, one base.
   */
  @Test
  void instanceRefreshCountsUnderExternalDesiredConvertAgainstMin() {
    IrPool p =
        aws("web")
            .external(2, 10)
            .rollout(
                IntOrPercent.count(1),
                IntOrPercent.count(1),
                Duration.ZERO,
                IrRollout.DeleteOrder.OLDEST)
            .build();
    CapiResult r = emit(p);
    JsonNode prefs = refreshPreferences(r);
    assertThat(prefs.path("maxHealthyPercentage").asInt()).isEqualTo(150);
    assertThat(prefs.path("minHealthyPercentage").asInt()).isEqualTo(50);
    assertThat(messages(r))
        .anyMatch(m -> m.startsWith("W0503 With `desired = external`") && m.contains("`min` (2)"));
  }

  @Test
  void machineDeploymentUsesRolloutStrategyAndDeletionOrder() {
    IrPool p =
        aws("web")
            .capi(GeneratedPools.capiFor("MachineDeployment"))
            .with("subnets", list("subnet-a"))
            .rollout(
                IntOrPercent.count(2),
                IntOrPercent.count(0),
                Duration.ZERO,
                IrRollout.DeleteOrder.RANDOM)
            .build();
    List<JsonNode> d = docs(p);
    assertThat(d.get(0).path("kind").asText()).isEqualTo("MachineDeployment");
    assertThat(d.get(0).at("/spec/rollout/strategy/type").asText()).isEqualTo("RollingUpdate");
    assertThat(d.get(0).at("/spec/rollout/strategy/rollingUpdate/maxSurge").asInt()).isEqualTo(2);
    assertThat(d.get(0).at("/spec/deletion/order").asText()).isEqualTo("Random");
    assertThat(d.get(0).at("/spec/selector/matchLabels"))
        .isEqualTo(d.get(0).at("/spec/template/metadata/labels"));
    assertThat(d.get(0).at("/spec/template/spec/bootstrap/configRef/kind").asText())
        .isEqualTo("KubeadmConfigTemplate");
    assertThat(d.get(1).path("kind").asText()).isEqualTo("AWSMachineTemplate");
    assertThat(d.get(1).at("/spec/template/spec/subnet/id").asText()).isEqualTo("subnet-a");
  }

  @Test
  void healthBecomesAMachineHealthCheckOnlyWhenGiven() {
    assertThat(docs(aws("web").build())).hasSize(2);
    List<JsonNode> d =
        docs(
            aws("web")
                .health(
                    Duration.ofMinutes(7),
                    IntOrPercent.count(3),
                    dev.poolform.ir.IrHealth.Repair.REPLACE)
                .build());
    JsonNode mhc = d.get(2);
    assertThat(mhc.path("kind").asText()).isEqualTo("MachineHealthCheck");
    assertThat(mhc.at("/spec/checks/unhealthyNodeConditions/0/timeoutSeconds").asInt())
        .isEqualTo(420);
    assertThat(mhc.at("/spec/remediation/triggerIf/unhealthyLessThanOrEqualTo").asInt())
        .isEqualTo(3);
    assertThat(mhc.at("/spec/selector/matchLabels").path(ApiVersions.POOL_NAME_LABEL).asText())
        .isEqualTo("web");
  }

  @Test
  void labelsBecomeMetadataLabelsAndTags() {
    List<JsonNode> d = docs(azure("web").label("team", "data").label("owner@", "x").build());
    assertThat(d.get(0).at("/metadata/labels").path("team").asText()).isEqualTo("data");
    assertThat(d.get(0).at("/metadata/labels").has("owner@")).isFalse();
    assertThat(d.get(1).at("/spec/additionalTags").path("owner@").asText()).isEqualTo("x");
  }

  @Test
  void spotAndMixedInstancesOnAws() {
    JsonNode plain = docs(aws("a").with("spot", map("max_price", num(0.1))).build()).get(1);
    assertThat(plain.at("/spec/awsLaunchTemplate/spotMarketOptions/maxPrice").asText())
        .isEqualTo("0.1");
    JsonNode mixed =
        docs(aws("b")
                .with(
                    "instance_types",
                    list("m5.large", "m6i.large"),
                    "spot",
                    map("on_demand_base", i(2)))
                .build())
            .get(1);
    assertThat(
            mixed
                .at("/spec/mixedInstancesPolicy/instancesDistribution/onDemandBaseCapacity")
                .asInt())
        .isEqualTo(2);
    assertThat(
            mixed
                .at(
                    "/spec/mixedInstancesPolicy/instancesDistribution/onDemandPercentageAboveBaseCapacity")
                .asInt())
        .isZero();
    assertThat(mixed.at("/spec/mixedInstancesPolicy/overrides/1/instanceType").asText())
        .isEqualTo("m6i.large");
    assertThat(mixed.at("/spec/awsLaunchTemplate").has("spotMarketOptions")).isFalse();
  }

  @Test
  void poolsThatCannotBeEmittedAreLeftOutWithAWarning() {
    IrPool local = aws("dev").cloud(new IrCloud("local", "dev", map())).build();
    IrPool none = aws("web").capi(null).build();
    IrPool ok = aws("api").build();
    CapiResult r = emit(local, none, ok);
    assertThat(r.files()).extracting(CapiFile::name).containsExactly("api.yaml");
    assertThat(r.hasErrors()).isFalse();
    assertThat(r.diagnostics()).extracting(Diagnostic::code).containsOnly(Code.W0504);
    assertThat(messages(r))
        .anyMatch(m -> m.contains("`dev` is left out") && m.contains("`local` cloud"))
        .anyMatch(m -> m.contains("`web` is left out") && m.contains("has no `capi` block"));
    assertThat(r.diagnostics()).allMatch(d -> d.span().file() == Pools.FILE);
  }

  @Test
  void targetedPoolsThatCannotBeEmittedAndIncompleteBlocksAreLocatedErrors() {
    IrPool local = aws("dev").cloud(new IrCloud("local", "dev", map())).build();
    IrPool none = aws("web").capi(null).build();
    IrPool partial = aws("api").capi(map("cluster", "c")).written("capi").build();
    IrPool ok = aws("db").build();
    CapiResult targeted =
        CapiEmitter.emit(
            new IrConfig(1, List.of(local, none, partial, ok)),
            java.util.Set.of("pool.dev", "pool.web", "pool.db"));
    assertThat(targeted.diagnostics()).extracting(Diagnostic::code).containsOnly(Code.E0410);
    assertThat(messages(targeted))
        .hasSize(2)
        .anyMatch(m -> m.contains("`local` cloud"))
        .anyMatch(m -> m.contains("has no `capi` block"));
    // Only the pools named are emitted: not `api`, whose incomplete block is then not looked at.
    assertThat(targeted.files()).extracting(CapiFile::name).containsExactly("db.yaml");
    CapiResult all = emit(partial, ok);
    assertThat(all.diagnostics()).extracting(Diagnostic::code).containsOnly(Code.E0410);
    assertThat(messages(all)).singleElement().asString().contains("lacks `version`");
  }

  @Test
  void droppedSettingsAreWarnedAbout() {
    IrRollout d = IrRollout.DEFAULT;
    IrPool p =
        aws("web")
            .rollout(
                new IrRollout(
                    d.maxSurge(),
                    d.maxUnavailable(),
                    d.minReady(),
                    Duration.ofSeconds(30),
                    IrRollout.DeleteOrder.NEWEST,
                    Duration.ofHours(1),
                    true,
                    IrRollout.Engine.CLOUD))
            .with(
                "user_data",
                "#cloud-config",
                "hyperthreading",
                dev.poolform.stdlib.value.BoolValue.of(false))
            .build();
    List<String> m = messages(emit(p));
    assertThat(m)
        .anyMatch(x -> x.contains("`rollout.pause` is dropped"))
        .anyMatch(x -> x.contains("`rollout.timeout` is dropped"))
        .anyMatch(x -> x.contains("`rollout.auto_rollback` is dropped"))
        .anyMatch(x -> x.contains("`rollout.engine` is dropped"))
        .anyMatch(x -> x.contains("`rollout.delete_order` is dropped"))
        .anyMatch(x -> x.contains("`machine.user_data` is dropped"))
        .anyMatch(x -> x.contains("`machine.hyperthreading` is dropped"));
    assertThat(m).allMatch(x -> x.startsWith("W0503 "));
  }

  @Test
  void defaultsProduceNoWarnings() {
    assertThat(emit(aws("web").build(), azure("api").build()).diagnostics()).isEmpty();
  }

  @Test
  void invalidPoolNamesAreSanitised() {
    CapiResult r = emit(aws("Web_Prod").build());
    assertThat(r.files().get(0).name()).isEqualTo("web-prod.yaml");
    assertThat(messages(r)).anyMatch(m -> m.contains("`web-prod`"));
    EmitterSchemaTest.assertValid(aws("Web_Prod").build());
  }

  @Test
  void outputIsDeterministic() {
    String a = emit(GeneratedPools.all().toArray(IrPool[]::new)).joined();
    String b = emit(GeneratedPools.all().toArray(IrPool[]::new)).joined();
    assertThat(a).isEqualTo(b).doesNotStartWith("---").endsWith("\n");
    assertThat(CrdValidator.documents(a)).hasSize(2 * GeneratedPools.all().size() + 6);
  }
}
