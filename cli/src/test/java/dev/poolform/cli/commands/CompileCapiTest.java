package dev.poolform.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.cli.CliRun;
import dev.poolform.cli.RepoFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pool compile --emit capi} through the real CLI. */
class CompileCapiTest {
  static final String POOLS =
      """
      cloud aws prod { region = "eu-west-1" }
      cloud azure weu { subscription = "s", resource_group = "rg", location = "westeurope" }
      pool "web" on prod {
        capacity { min = 1, max = 4, desired = 2 }
        machine { size = "m6i.large", image = "ami-0abcdef1234567890", subnets = ["subnet-a"] }
        rollout { pause = 30s }
        capi { cluster = "prod", version = "v1.31.2" }
      }
      pool "api" on weu {
        capacity { min = 1, max = 4, desired = external }
        machine {
          size = "Standard_D2s_v5", image = "Canonical:ubuntu-24_04-lts:server:latest"
          subnet = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/a"
        }
        capi { cluster = "weu", version = "v1.31.2" }
      }
      """;

  @Test
  void stdoutIsOneStreamForKubectl(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("main.pool"), POOLS);
    CliRun r = CliRun.in(dir, "compile", "main.pool", "--emit", "capi");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("apiVersion: cluster.x-k8s.io/v1beta2\nkind: MachinePool\n");
    assertThat(r.out().split("\n---\n")).hasSize(4);
    assertThat(r.err())
        .contains("warning[W0503]: `rollout.pause` is dropped")
        .contains("main.pool:6:");
  }

  @Test
  void outputDirectoryGetsOneFilePerPool(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("main.pool"), POOLS);
    CliRun r = CliRun.in(dir, "compile", "main.pool", "--emit", "capi", "-o", "out");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(Files.readString(dir.resolve("out/api.yaml"))).contains("kind: AzureMachinePool");
    assertThat(Files.readString(dir.resolve("out/web.yaml"))).contains("kind: AWSMachinePool");
  }

  @Test
  void aPoolWithoutCapiBlockIsLeftOutWithAWarningAndTheOthersAreEmitted(@TempDir Path dir)
      throws Exception {
    withoutApiCapiBlock(dir);
    CliRun r = CliRun.in(dir, "compile", "main.pool", "--emit", "capi");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out()).contains("kind: AWSMachinePool").doesNotContain("AzureMachinePool");
    assertThat(r.err())
        .contains(
            "warning[W0504]: Pool `api` is left out of the Cluster API output: it has no `capi`"
                + " block")
        .contains("main.pool:9:");
  }

  @Test
  void aTargetedPoolThatCannotBeEmittedIsALocatedErrorAndNothingIsPrinted(@TempDir Path dir)
      throws Exception {
    withoutApiCapiBlock(dir);
    CliRun r =
        CliRun.in(
            dir,
            "compile",
            "main.pool",
            "--emit",
            "capi",
            "--target",
            "pool.web",
            "--target",
            "api");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .contains("error[E0410]: Pool `api` has no `capi` block")
        .contains("main.pool:9:");
    assertThat(r.hasStackTrace()).isFalse();
  }

  @Test
  void targetsChooseThePoolsEmitted(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("main.pool"), POOLS);
    CliRun r = CliRun.in(dir, "compile", "main.pool", "--emit", "capi", "--target", "api");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out()).contains("kind: AzureMachinePool").doesNotContain("AWSMachinePool");
    // The web pool's W0503 is not reported: it was not emitted.
    assertThat(r.err()).doesNotContain("rollout.pause");
  }

  @Test
  void anUnknownTargetOrATargetForIrIsAUsageError(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("main.pool"), POOLS);
    CliRun unknown =
        CliRun.in(dir, "compile", "main.pool", "--emit", "capi", "--target", "pool.nope");
    assertThat(unknown.status()).isEqualTo(2);
    assertThat(unknown.err()).contains("no pool `pool.nope`").contains("pool.api, pool.web");
    CliRun ir = CliRun.in(dir, "compile", "main.pool", "--target", "web");
    assertThat(ir.status()).isEqualTo(2);
    assertThat(ir.err()).contains("--target selects the pools of --emit capi");
    assertThat(ir.out()).isEmpty();
  }

  @Test
  void theMulticloudExampleEmitsItsCloudPoolsAndLeavesOutTheCanary() {
    Path examples = RepoFiles.examples();
    CliRun r = CliRun.in(examples, "compile", "multicloud.pool", "--emit", "capi");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out()).contains("name: checkout-aws").contains("name: checkout-azure");
    assertThat(r.out()).doesNotContain("checkout-canary");
    assertThat(r.err())
        .contains("warning[W0504]: Pool `checkout-canary` is left out")
        .contains("`local` cloud");
  }

  /** The configuration with the `api` pool's `capi` block removed. */
  private static void withoutApiCapiBlock(Path dir) throws java.io.IOException {
    Files.writeString(
        dir.resolve("main.pool"),
        POOLS.replace("capi { cluster = \"weu\", version = \"v1.31.2\" }", ""));
  }
}
