package dev.poolform.capi.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poolform.capi.yaml.YamlInputException;
import dev.poolform.compiler.Compilation;
import dev.poolform.compiler.Compiler;
import dev.poolform.ir.IrPool;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Manifests as clusters serve them: v1beta1 objects, anchors on scalars, warnings and errors at the
 * line of the field they are about, input that is not UTF-8, counts that are not numbers.
 */
class ImportEdgesTest {
  /** A v1beta1 MachineDeployment as `kubectl get -o yaml` prints it on most clusters today. */
  static final String V1BETA1 =
      """
      apiVersion: cluster.x-k8s.io/v1beta1
      kind: MachineDeployment
      metadata:
        name: md-0
        namespace: default
      spec:
        clusterName: prod
        replicas: 3
        minReadySeconds: 30
        selector:
          matchLabels:
            cluster.x-k8s.io/cluster-name: prod
        strategy:
          type: RollingUpdate
          rollingUpdate:
            maxSurge: 2
            maxUnavailable: 25%
            deletePolicy: Oldest
        template:
          spec:
            clusterName: prod
            version: v1.30.4
            failureDomain: eu-west-1a
            bootstrap:
              configRef: {apiVersion: bootstrap.cluster.x-k8s.io/v1beta1, kind: KubeadmConfigTemplate, name: md-0}
            infrastructureRef: {apiVersion: infrastructure.cluster.x-k8s.io/v1beta2, kind: AWSMachineTemplate, name: md-0}
            nodeDrainTimeout: 5m
      ---
      apiVersion: infrastructure.cluster.x-k8s.io/v1beta2
      kind: AWSMachineTemplate
      metadata: {name: md-0, namespace: default}
      spec:
        template:
          spec:
            instanceType: m6i.large
            ami: {id: ami-0123456789abcdef0}
      """;

  static IrPool compile(ImportResult r) {
    Compilation c = Compiler.compileSource("md.pool", r.poolSource(), Map.of());
    assertThat(c.hasErrors()).as("%s\n%s", c.diagnostics(), r.poolSource()).isFalse();
    return c.ir().orElseThrow().pools().get(0);
  }

  @Test
  void aV1beta1MachineDeploymentKeepsItsRollout() {
    ImportResult r = CapiImporter.importYaml(V1BETA1, "md.yaml");
    assertThat(r.poolSource())
        .containsPattern("max_surge += 2\n")
        .containsPattern("max_unavailable += 25%\n")
        .containsPattern("delete_order += \"oldest\"")
        .containsPattern("min_ready += 30s");
    assertThat(r.warnings()).noneMatch(w -> w.contains("strategy") || w.contains("minReady"));
    IrPool p = compile(r);
    assertThat(p.capacity().desired().getAsLong()).isEqualTo(3);
    assertThat(p.rollout().toString()).contains("25");
  }

  @Test
  void warningsPointAtTheFieldsLine() {
    ImportResult r = CapiImporter.importYaml(V1BETA1, "md.yaml");
    // nodeDrainTimeout is on line 27 of the input, 26 lines below the document's first.
    assertThat(r.warnings())
        .contains(
            "md.yaml:27: MachineDeployment `md-0`: `spec.template.spec.nodeDrainTimeout` is not"
                + " understood and was not imported.");
    String outside =
        V1BETA1.replace(
            "  namespace: default\nspec:",
            "  namespace: default\n"
                + "  annotations:\n"
                + "    cluster.x-k8s.io/cluster-api-autoscaler-node-group-min-size: \"1\"\n"
                + "    cluster.x-k8s.io/cluster-api-autoscaler-node-group-max-size: \"2\"\n"
                + "spec:");
    assertThat(CapiImporter.importYaml(outside, "md.yaml").warnings())
        .anyMatch(
            w -> w.startsWith("md.yaml:11: MachineDeployment `md-0`: replicas 3 lie outside"));
  }

  @Test
  void anAliasOfAScalarIsItsAnchorsValue() {
    String yaml =
        V1BETA1
            .replace("  replicas: 3", "  replicas: &count 3")
            .replace("maxSurge: 2", "maxSurge: *count")
            .replace("instanceType: m6i.large", "instanceType: &size m6i.large\n      x: *size")
            .replace("      x: *size", "");
    ImportResult r = CapiImporter.importYaml(yaml, "md.yaml");
    assertThat(r.poolSource()).containsPattern("max_surge += 3\n").containsPattern("desired += 3");
    // An alias in a flow mapping, and to a quoted string.
    ImportResult quoted =
        CapiImporter.importYaml(
            V1BETA1
                .replace("version: v1.30.4", "version: &v \"v1.30.4\"")
                .replace("nodeDrainTimeout: 5m", "nodeDrainTimeout: *v"),
            "md.yaml");
    assertThat(quoted.warnings())
        .anyMatch(w -> w.startsWith("md.yaml:27:") && w.contains("nodeDrainTimeout"));
    assertThatThrownBy(() -> CapiImporter.importYaml("a: *nowhere\n", "in.yaml"))
        .isInstanceOf(YamlInputException.class)
        .hasMessage("in.yaml:1: alias `*nowhere` names no anchor.");
  }

  @Test
  void inputThatIsNotUtf8IsALocatedError() {
    byte[] latin1 =
        V1BETA1
            .replace("name: md-0\n  namespace", "name: md-0 # caf\u00e9\n  namespace")
            .getBytes(StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> CapiImporter.importYaml(latin1, "md.yaml"))
        .isInstanceOf(YamlInputException.class)
        .hasMessageStartingWith("md.yaml:4:19: the input is not UTF-8 text (byte 0xE9)");
    // UTF-8, with or without a byte order mark, is read as text.
    byte[] utf8 = ("\uFEFF" + V1BETA1).getBytes(StandardCharsets.UTF_8);
    assertThat(CapiImporter.importYaml(utf8, "md.yaml").poolSource()).contains("pool \"md-0\"");
  }

  @Test
  void aReplicasThatIsNotANumberIsAnError() {
    for (String bad : new String[] {"three", "2.5", "-1", "\"\""}) {
      assertThatThrownBy(
              () ->
                  CapiImporter.importYaml(
                      V1BETA1.replace("replicas: 3", "replicas: " + bad), "md.yaml"))
          .as(bad)
          .isInstanceOf(YamlInputException.class)
          .hasMessageStartingWith("md.yaml:8: MachineDeployment `md-0`: `spec.replicas` is ")
          .hasMessageEndingWith(", not a whole number of machines.");
    }
    // Autoscaler bounds are counts too: an unreadable one never turns into `desired = external`.
    String ann =
        V1BETA1.replace(
            "  namespace: default\nspec:",
            "  namespace: default\n"
                + "  annotations:\n"
                + "    cluster.x-k8s.io/cluster-api-autoscaler-node-group-max-size: ten\n"
                + "spec:");
    assertThatThrownBy(() -> CapiImporter.importYaml(ann, "md.yaml"))
        .isInstanceOf(YamlInputException.class)
        .hasMessageStartingWith("md.yaml:7: MachineDeployment `md-0`:");
  }
}
