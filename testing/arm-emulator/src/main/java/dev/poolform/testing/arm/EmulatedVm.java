package dev.poolform.testing.arm;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One scale set instance: which model version it was built from, and where it is in its life. */
final class EmulatedVm {
  final String instanceId;
  final String vmId;
  final String zone;
  final long createdAt;

  /** The scale set's model (sku + virtualMachineProfile) when this VM was built. */
  ObjectNode model;

  int modelVersion;

  /** The image version the OS disk was built from ({@code imageReference.exactVersion}). */
  String exactVersion;

  String provisioningState = "Creating";
  long succeededAt;

  /** When the VM entered its current provisioning state. */
  long stateSince;

  EmulatedVm(
      String instanceId,
      String vmId,
      String zone,
      long createdAt,
      ObjectNode model,
      int modelVersion) {
    this.instanceId = instanceId;
    this.vmId = vmId;
    this.zone = zone;
    this.createdAt = createdAt;
    this.model = model;
    this.modelVersion = modelVersion;
    this.stateSince = createdAt;
  }

  void enter(String state, long now) {
    provisioningState = state;
    stateSince = now;
    if ("Succeeded".equals(state)) succeededAt = now;
  }

  boolean deleting() {
    return "Deleting".equals(provisioningState);
  }
}
