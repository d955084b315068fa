package dev.poolform.capi.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.compiler.Compilation;
import dev.poolform.compiler.Compiler;
import dev.poolform.compiler.format.Formatter;
import dev.poolform.ir.IrPool;
import dev.poolform.source.SourceFile;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the importer makes of manifests it only partly understands. */
class ImporterTest {
  static final String CLUSTERCTL_STYLE =
      """
      apiVersion: cluster.x-k8s.io/v1beta2
      kind: Cluster
      metadata: {name: prod}
      spec: {clusterNetwork: {pods: {cidrBlocks: [192.168.0.0/16]}}}
      ---
      apiVersion: cluster.x-k8s.io/v1beta2
      kind: MachinePool
      metadata:
        name: pool0
        uid: 1b4e28ba-2fa1-11d2-883f-0016d3cca427
        resourceVersion: "12345"
        annotations:
          kubectl.kubernetes.io/last-applied-configuration: "{}"
          example.com/owner: platform
      spec:
        clusterName: prod
        replicas: 12
        template:
          spec:
            clusterName: prod
            version: v1.31.0
            bootstrap:
              configRef: {apiGroup: bootstrap.cluster.x-k8s.io, kind: KubeadmConfig, name: pool0}
            infrastructureRef: {apiGroup: infrastructure.cluster.x-k8s.io, kind: AzureMachinePool, name: pool0}
            deletion: {nodeDrainTimeoutSeconds: 300}
      status:
        replicas: 12
        phase: Running
      ---
      apiVersion: infrastructure.cluster.x-k8s.io/v1beta1
      kind: AzureMachinePool
      metadata: {name: pool0}
      spec:
        location: eastus
        identity: SystemAssigned
        template:
          vmSize: Standard_D2s_v3
          sshPublicKey: ""
          osDisk: {osType: Linux, diskSizeGB: 30, cachingType: ReadWrite}
          image:
            computeGallery: {gallery: g, name: n, version: "1.0"}
      ---
      apiVersion: bootstrap.cluster.x-k8s.io/v1beta2
      kind: KubeadmConfig
      metadata: {name: pool0}
      spec: {joinConfiguration: {nodeRegistration: {name: "{{ ds.meta_data.local_hostname }}"}}}
      """;

  @Test
  void everyFieldNotUnderstoodIsListed() {
    ImportResult r = CapiImporter.importYaml(CLUSTERCTL_STYLE, "cluster.yaml");
    assertThat(r.warnings())
        .anyMatch(
            w ->
                w.startsWith(
                    "cluster.yaml:1: Cluster `prod` (cluster.x-k8s.io/v1beta2) is not imported"))
        .anyMatch(
            w ->
                w.contains(
                    "KubeadmConfig `pool0` (bootstrap.cluster.x-k8s.io/v1beta2) is not imported"))
        .anyMatch(w -> w.contains("MachinePool `pool0`: `metadata.annotations.example.com/owner`"))
        .anyMatch(
            w ->
                w.contains(
                    "MachinePool `pool0`: `spec.template.spec.deletion.nodeDrainTimeoutSeconds`"))
        .anyMatch(w -> w.contains("AzureMachinePool `pool0`: `spec.identity`"))
        .anyMatch(w -> w.contains("AzureMachinePool `pool0`: `spec.template.osDisk.cachingType`"))
        .anyMatch(
            w ->
                w.contains(
                    "AzureMachinePool `pool0`: `spec.template.image.computeGallery.gallery`"))
        .anyMatch(w -> w.contains("the image is not a marketplace image or an image id"));
    // Server-set metadata and status are not configuration.
    assertThat(r.warnings())
        .noneMatch(w -> w.contains("uid") || w.contains("status") || w.contains("last-applied"));
    assertThat(r.poolSource()).containsPattern("image +=  *env\\(\"AZURE_IMAGE\"\\)");
  }

  @Test
  void theOutputIsFormattedAndCompiles() {
    ImportResult r = CapiImporter.importYaml(CLUSTERCTL_STYLE, "cluster.yaml");
    SourceFile f = SourceFile.of("cluster.pool", r.poolSource());
    assertThat(Formatter.format(f).text()).isEqualTo(r.poolSource());
    Compilation c =
        Compiler.compileSource(
            "cluster.pool", r.poolSource(), java.util.Map.of("AZURE_IMAGE", "a:b:c:d"));
    assertThat(c.hasErrors()).as("%s", c.diagnostics()).isFalse();
    IrPool p = c.ir().orElseThrow().pools().get(0);
    assertThat(p.capacity().desired().getAsLong()).isEqualTo(12);
    // No autoscaler annotations: min and max are the replica count.
    assertThat(p.capacity().min()).isEqualTo(12);
    assertThat(p.cloud().settings().string("location")).contains("eastus");
    assertThat(p.machine().string("orchestration"))
        .contains("uniform"); // CAPZ's default, said out loud
  }

  @Test
  void replicasOutsideTheAutoscalerRangeWidenIt() {
    String yaml =
        CLUSTERCTL_STYLE.replace(
            "example.com/owner: platform",
            "cluster.x-k8s.io/cluster-api-autoscaler-node-group-min-size: \"1\"\n"
                + "    cluster.x-k8s.io/cluster-api-autoscaler-node-group-max-size: \"10\"");
    ImportResult r = CapiImporter.importYaml(yaml, "c.yaml");
    assertThat(r.warnings())
        .anyMatch(w -> w.contains("replicas 12 lie outside the autoscaler's 1..10"));
    assertThat(r.poolSource()).containsPattern("max += 12");
  }

  @Test
  void anAwsPoolWithoutSubnetsReadsThemFromTheEnvironment() {
    String yaml =
        """
        apiVersion: cluster.x-k8s.io/v1beta2
        kind: MachineDeployment
        metadata: {name: md-0}
        spec:
          clusterName: c
          replicas: 1
          selector: {}
          template:
            spec:
              clusterName: c
              version: v1.31.0
              bootstrap: {dataSecretName: s}
              infrastructureRef: {apiGroup: infrastructure.cluster.x-k8s.io, kind: AWSMachineTemplate, name: md-0}
        ---
        apiVersion: infrastructure.cluster.x-k8s.io/v1beta2
        kind: AWSMachineTemplate
        metadata: {name: md-0}
        spec: {template: {spec: {instanceType: t3.small, ami: {id: ami-0123456789abcdef0}}}}
        """;
    ImportResult r = CapiImporter.importYaml(yaml, "md.yaml");
    assertThat(r.warnings()).anyMatch(w -> w.contains("AWS_SUBNETS"));
    Compilation c =
        Compiler.compileSource(
            "md.pool", r.poolSource(), java.util.Map.of("AWS_SUBNETS", "subnet-a,subnet-b"));
    assertThat(c.hasErrors()).as("%s\n%s", c.diagnostics(), r.poolSource()).isFalse();
    assertThat(c.ir().orElseThrow().pools().get(0).machine().strings("subnets"))
        .contains(List.of("subnet-a", "subnet-b"));
    Compilation unset = Compiler.compileSource("md.pool", r.poolSource());
    assertThat(unset.diagnostics())
        .anyMatch(d -> d.code() == dev.poolform.compiler.diag.Code.E0408);
  }

  @Test
  void stringsAreEscaped() {
    assertThat(Lit.str("a\"b\\c${x}$y\n")).isEqualTo("\"a\\\"b\\\\c$${x}$y\\n\"");
    assertThat(Lit.key("team")).isEqualTo("team");
    assertThat(Lit.key("cost center")).isEqualTo("\"cost center\"");
    assertThat(Lit.key("pool")).isEqualTo("\"pool\"");
    assertThat(CapiImporter.identifier("9-prod.eu")).isEqualTo("c_9_prod_eu");
    assertThat(List.of(CapiImporter.identifier("external"))).containsExactly("external_cloud");
  }
}
