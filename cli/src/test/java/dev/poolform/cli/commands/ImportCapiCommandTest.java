package dev.poolform.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportCapiCommandTest {
  static final String YAML =
      """
      apiVersion: cluster.x-k8s.io/v1beta2
      kind: MachinePool
      metadata: {name: web, namespace: default}
      spec:
        clusterName: prod
        replicas: 2
        template:
          spec:
            clusterName: prod
            bootstrap: {configRef: {apiGroup: bootstrap.cluster.x-k8s.io, kind: KubeadmConfig, name: web}}
            infrastructureRef: {apiGroup: infrastructure.cluster.x-k8s.io, kind: AWSMachinePool, name: web}
            version: v1.31.0
            nodeDrainTimeoutSeconds: 30
      ---
      apiVersion: infrastructure.cluster.x-k8s.io/v1beta2
      kind: AWSMachinePool
      metadata: {name: web, namespace: default}
      spec:
        minSize: 1
        maxSize: 4
        awsLaunchTemplate: {instanceType: m6i.large, ami: {id: ami-0abcdef1234567890}}
      """;

  @Test
  void importsToAFileAndWarnsAboutWhatItDropped(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("in.yaml"), YAML);
    CliRun r = CliRun.in(dir, "import", "capi", "in.yaml", "-o", "out.pool");
    assertThat(r.status()).as(r.err()).isZero();
    String pool = Files.readString(dir.resolve("out.pool"));
    assertThat(pool)
        .contains("pool \"web\" on prod {")
        .containsPattern("size +=  *\"m6i.large\"")
        .containsPattern("desired += 2");
    assertThat(r.err())
        .contains(
            "warning: in.yaml:13: MachinePool `web`: `spec.template.spec.nodeDrainTimeoutSeconds`");
  }

  @Test
  void readsStdinAndPrints(@TempDir Path dir) {
    CliRun r = CliRun.run(dir, Map.of(), YAML, "import", "capi", "-");
    assertThat(r.status()).isZero();
    assertThat(r.out()).startsWith("# Imported from <stdin>");
  }

  @Test
  void badInputIsOneLineWithoutStackTrace(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("bad.yaml"), "a: &a [1]\nb: !evil x\n");
    CliRun r = CliRun.in(dir, "import", "capi", "bad.yaml");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).startsWith("error: bad.yaml:2:");
    assertThat(r.hasStackTrace()).isFalse();
    // Not UTF-8 (a Latin-1 `é` in a comment): the file, line and column of the byte.
    Files.write(
        dir.resolve("latin1.yaml"),
        YAML.replace(
                "name: web, namespace: default}\nspec:",
                "name: web, namespace: default}\n# caf\u00e9\nspec:")
            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    CliRun latin1 = CliRun.in(dir, "import", "capi", "latin1.yaml");
    assertThat(latin1.status()).isEqualTo(1);
    assertThat(latin1.err())
        .startsWith("error: latin1.yaml:4:6: the input is not UTF-8 text (byte 0xE9)")
        .doesNotContain("Input length");
    CliRun missing = CliRun.in(dir, "import", "capi", "nope.yaml");
    assertThat(missing.status()).isEqualTo(2);
    assertThat(missing.hasStackTrace()).isFalse();
  }
}
