package dev.poolform.capi.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.capi.yaml.SafeYaml;
import dev.poolform.capi.yaml.YamlInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Untrusted input ends in one clear sentence, never a stack trace, a hang or an OOM. */
@Timeout(20)
class HostileYamlTest {

  static YamlInputException fail(String yaml) {
    try {
      CapiImporter.importYaml(yaml, "in.yaml");
    } catch (YamlInputException e) {
      assertThat(e.getMessage())
          .startsWith("in.yaml")
          .doesNotContain("\tat ")
          .doesNotContain("Exception");
      assertThat(e.getStackTrace()).isEmpty();
      return e;
    }
    throw new AssertionError("accepted: " + yaml.substring(0, Math.min(80, yaml.length())));
  }

  @Test
  void billionLaughs() {
    StringBuilder sb =
        new StringBuilder(
            "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    char prev = 'a';
    for (char c = 'b'; c <= 'j'; c++) {
      sb.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 9; i++) sb.append(i == 0 ? "" : ",").append('*').append(prev);
      sb.append("]\n");
      prev = c;
    }
    assertThat(fail(sb.toString()).getMessage()).containsAnyOf("aliases", "too large");
  }

  @Test
  void deepNesting() {
    fail("a: " + "[".repeat(5000) + "]".repeat(5000) + "\n");
    fail("a:\n" + "  b:\n".repeat(1) + "x: " + "{a: ".repeat(200) + "1" + "}".repeat(200) + "\n");
  }

  @Test
  void hugeDocument() {
    String big =
        "kind: ConfigMap\napiVersion: v1\ndata:\n  x: \"" + "a".repeat(SafeYaml.MAX_CHARS) + "\"\n";
    assertThat(fail(big).getMessage()).contains("larger than");
  }

  @Test
  void malformed() {
    assertThat(fail("apiVersion: v1\nkind: [unclosed\n").getMessage())
        .matches("in\\.yaml:\\d+: .*");
    fail("\t- not yaml: : :\n  - {\n");
  }

  @Test
  void customTagsAreRefused() {
    assertThat(
            fail("apiVersion: v1\nkind: !!python/object/apply:os.system [\"echo\"]\n").getMessage())
        .contains("tag");
    assertThat(fail("apiVersion: !secret v1\nkind: X\n").getMessage()).contains("tag");
  }

  @Test
  void duplicateKeysAreRefused() {
    fail("apiVersion: v1\napiVersion: v2\nkind: X\n");
  }

  @Test
  void wrongKinds() {
    assertThat(fail("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n").getMessage())
        .contains("no MachinePool or MachineDeployment");
    assertThat(fail("- just\n- a list\n").getMessage()).contains("not a Kubernetes object");
    assertThat(fail("").getMessage()).contains("no MachinePool");
  }

  /** A v1beta1 MachineDeployment whose machine object is missing: the error says which. */
  @Test
  void aPoolWithoutItsMachineObjectIsNamedInTheError() {
    String md =
        "apiVersion: cluster.x-k8s.io/v1beta1\nkind: MachineDeployment\n"
            + "metadata: {name: web, namespace: default}\n"
            + "spec:\n  clusterName: prod\n  template:\n    spec:\n      clusterName: prod\n"
            + "      infrastructureRef:\n        apiVersion: infrastructure.cluster.x-k8s.io/v1beta2\n"
            + "        kind: AWSMachineTemplate\n        name: web\n";
    assertThat(fail(md).getMessage())
        .contains("(cluster.x-k8s.io, v1beta1 or v1beta2)")
        .contains("its infrastructureRef AWSMachineTemplate `web` is not in the input");
  }

  @Test
  void aPoolWithoutItsMachineObjectIsReported() {
    String yaml =
        """
        apiVersion: cluster.x-k8s.io/v1beta2
        kind: MachinePool
        metadata: {name: web}
        spec:
          clusterName: c
          template:
            spec:
              clusterName: c
              bootstrap: {dataSecretName: s}
              infrastructureRef: {apiGroup: infrastructure.cluster.x-k8s.io, kind: AWSMachinePool, name: web}
              version: v1.31.0
        """;
    assertThat(fail(yaml).getMessage()).contains("no MachinePool");
  }

  @Test
  void aFewAliasesAreFine() {
    var docs = SafeYaml.load("x: &x {a: 1}\ny: *x\n", "in.yaml");
    assertThat(docs.get(0).node().path("y").path("a").asInt()).isEqualTo(1);
  }
}
