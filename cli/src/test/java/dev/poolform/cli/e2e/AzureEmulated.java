package dev.poolform.cli.e2e;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolform.testing.arm.ArmEmulator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The ARM emulator (providers/azure's test-jar) set up for the CLI tests: started fast (instances
 * boot in {@code bootMillis}), and a workspace pointed at it through the provider's emulator mode
 * ({@code POOLFORM_AZURE_ENDPOINT} on loopback plus {@code POOLFORM_AZURE_TEST_TOKEN}) with short
 * poll intervals.
 */
final class AzureEmulated {
  /** A subnet for the tests' pools: ARM needs one for every scale set. */
  static final String SUBNET =
      "/subscriptions/00000000-0000-0000-0000-0000000000cc/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet/subnets/pools";

  private AzureEmulated() {}

  static ArmEmulator start(String token, long bootMillis) throws IOException {
    ArmEmulator arm = ArmEmulator.start(token);
    arm.bootMillis = bootMillis;
    return arm;
  }

  /** Points the workspace's CLI runs (in-process and child processes alike) at the emulator. */
  static void use(Workspace ws, ArmEmulator arm, String token) {
    ws.env.put("POOLFORM_AZURE_ENDPOINT", arm.endpoint());
    ws.env.put("POOLFORM_AZURE_TEST_TOKEN", token);
    ws.env.put("POOLFORM_AZURE_POLL_INTERVAL_MS", "20");
    ws.env.put("POOLFORM_AZURE_READ_TICK_MS", "50");
    ws.env.put("POOLFORM_POLL_INTERVAL", "50ms");
  }

  /** The scale set's instances that are not being deleted (the emulator's own view). */
  static List<ObjectNode> live(ArmEmulator arm, String resourceGroup, String name) {
    return arm.instances(resourceGroup, name).stream()
        .filter(vm -> !vm.path("properties").path("provisioningState").asText().equals("Deleting"))
        .toList();
  }

  /**
   * {@code pool ARGS} as a child JVM in the workspace, with its environment, tuned to start fast;
   * its output goes to {@code out} (or nowhere).
   */
  static Process child(Workspace ws, List<String> jvmOptions, Path out, String... args)
      throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd =
        new ArrayList<>(
            List.of(
                java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-Xmx256m"));
    cmd.addAll(jvmOptions);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.poolform.cli.Main"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(ws.dir.toFile());
    pb.environment().putAll(ws.env);
    pb.redirectErrorStream(true);
    pb.redirectOutput(
        out == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(out.toFile()));
    return pb.start();
  }

  /** How many of the scale set's instances have booted. */
  static long up(ArmEmulator arm, String resourceGroup, String name) {
    return arm.instances(resourceGroup, name).stream()
        .filter(vm -> vm.path("properties").path("provisioningState").asText().equals("Succeeded"))
        .count();
  }
}
