package dev.poolform.capi.emit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poolform.capi.CrdValidator;
import dev.poolform.capi.GeneratedPools;
import dev.poolform.ir.IrConfig;
import dev.poolform.ir.IrPool;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every document the emitter writes is valid against its CRD's schema. */
class EmitterSchemaTest {

  @TestFactory
  List<DynamicTest> everyGeneratedPoolValidates() {
    List<DynamicTest> tests = new ArrayList<>();
    for (IrPool pool : GeneratedPools.all()) {
      tests.add(DynamicTest.dynamicTest(pool.name(), () -> assertValid(pool)));
    }
    return tests;
  }

  static void assertValid(IrPool pool) {
    CapiResult r = CapiEmitter.emit(new IrConfig(1, List.of(pool)));
    assertThat(r.hasErrors()).as("errors: %s", r.diagnostics()).isFalse();
    assertThat(r.files()).hasSize(1);
    List<JsonNode> docs = CrdValidator.documents(r.files().get(0).content());
    assertThat(docs).hasSizeBetween(2, 3);
    for (JsonNode doc : docs) {
      assertThat(CrdValidator.get().validate(doc))
          .as("%s of %s", doc.path("kind"), pool.name())
          .isEmpty();
    }
  }

  @Test
  void theValidatorRejectsWhatTheApiServerWould() {
    // A test that cannot fail proves nothing: check the validator catches typical mistakes.
    JsonNode good =
        CrdValidator.documents(
                CapiEmitter.emit(new IrConfig(1, List.of(GeneratedPools.all().get(0))))
                    .files()
                    .get(0)
                    .content())
            .get(0);
    assertThat(CrdValidator.get().validate(good)).isEmpty();
    var unknownField = good.deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) unknownField.get("spec")).put("replica", 3);
    assertThat(CrdValidator.get().validate(unknownField)).isNotEmpty();
    var missingRequired = good.deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) missingRequired.get("spec"))
        .remove("clusterName");
    assertThat(CrdValidator.get().validate(missingRequired)).isNotEmpty();
    var v1beta1Ref = good.deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode)
            v1beta1Ref.at("/spec/template/spec/infrastructureRef"))
        .put("apiVersion", "infrastructure.cluster.x-k8s.io/v1beta2");
    assertThat(CrdValidator.get().validate(v1beta1Ref)).isNotEmpty();
    var intOrString =
        CrdValidator.documents(
                """
        apiVersion: cluster.x-k8s.io/v1beta2
        kind: MachineDeployment
        metadata: {name: a, namespace: default}
        spec:
          clusterName: c
          selector: {}
          rollout: {strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: "25%", maxUnavailable: 1}}}
          template:
            spec:
              clusterName: c
              bootstrap: {dataSecretName: s}
              infrastructureRef: {apiGroup: infrastructure.cluster.x-k8s.io, kind: AWSMachineTemplate, name: a}
        """)
            .get(0);
    assertThat(CrdValidator.get().validate(intOrString)).isEmpty();
    ((com.fasterxml.jackson.databind.node.ObjectNode)
            intOrString.at("/spec/rollout/strategy/rollingUpdate"))
        .put("maxSurge", true);
    assertThat(CrdValidator.get().validate(intOrString)).isNotEmpty();
  }
}
