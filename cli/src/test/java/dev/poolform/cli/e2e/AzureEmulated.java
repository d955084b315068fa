package dev.poolform.cli.e2e;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolform.provider.azure.emulator.ArmEmulator;
import java.io.IOException;
import java.util.List;

/**
 * The ARM emulator (providers/azure's test-jar) set up for the CLI tests: started fast (instances
 * boot in {@code bootMillis}), and a workspace pointed at it through the provider's emulator mode
 * ({@code POOLFORM_AZURE_ENDPOINT} on loopback plus {@code POOLFORM_AZURE_TEST_TOKEN}) with short
 * poll intervals.
 */
final class AzureEmulated {
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
    ws.env.put("POOLFORM_POLL_INTERVAL", "50ms");
  }

  /** The scale set's instances that are not being deleted (the emulator's own view). */
  static List<ObjectNode> live(ArmEmulator arm, String resourceGroup, String name) {
    return arm.instances(resourceGroup, name).stream()
        .filter(vm -> !vm.path("properties").path("provisioningState").asText().equals("Deleting"))
        .toList();
  }

  /** How many of the scale set's instances have booted. */
  static long up(ArmEmulator arm, String resourceGroup, String name) {
    return arm.instances(resourceGroup, name).stream()
        .filter(vm -> vm.path("properties").path("provisioningState").asText().equals("Succeeded"))
        .count();
  }
}
