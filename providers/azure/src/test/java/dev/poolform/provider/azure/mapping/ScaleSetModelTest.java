package dev.poolform.provider.azure.mapping;

import static dev.poolform.testing.fixtures.Values.gib;
import static dev.poolform.testing.fixtures.Values.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.resourcemanager.compute.fluent.models.VirtualMachineScaleSetInner;
import com.azure.resourcemanager.compute.models.VirtualMachineScaleSetUpdate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poolform.stdlib.value.MapValue;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The create PUT and the model PATCH say the same of a machine's NIC and OS disk. */
class ScaleSetModelTest {
  static final String SUBNET =
      "/subscriptions/s/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/v/subnets/a";
  static final ObjectMapper JSON = new ObjectMapper();

  static MapValue machine(String orchestration) {
    return map(
        "size",
        "Standard_B2s",
        "image",
        "Canonical/ubuntu-24_04-lts/server/latest",
        "orchestration",
        orchestration,
        "subnet",
        SUBNET,
        "disk",
        map("size", gib(64), "type", "Premium_LRS"));
  }

  static JsonNode create(MapValue machine) throws Exception {
    VirtualMachineScaleSetInner put =
        ScaleSetModel.forCreate("web", "westeurope", machine, Map.of(), 2, 4, "ssh-ed25519 AAAA");
    return JSON.readTree(put.toJsonString()).at("/properties/virtualMachineProfile");
  }

  static JsonNode update(MapValue machine) throws Exception {
    VirtualMachineScaleSetUpdate patch =
        ScaleSetModel.forModelUpdate("web", machine, Map.of(), new VirtualMachineScaleSetInner());
    return JSON.readTree(patch.toJsonString()).at("/properties/virtualMachineProfile");
  }

  @Test
  void thePatchSendsTheCreatesNic() throws Exception {
    for (String orchestration : new String[] {"flexible", "uniform"}) {
      JsonNode nic = create(machine(orchestration)).get("networkProfile");
      assertThat(update(machine(orchestration)).get("networkProfile")).isEqualTo(nic);
      JsonNode config = nic.at("/networkInterfaceConfigurations/0");
      assertThat(config.get("name").asText()).isEqualTo("web-nic");
      assertThat(config.at("/properties/primary").asBoolean()).isTrue();
      assertThat(config.at("/properties/ipConfigurations/0/properties/subnet/id").asText())
          .isEqualTo(SUBNET);
      assertThat(nic.has("networkApiVersion")).isEqualTo(orchestration.equals("flexible"));
    }
  }

  @Test
  void thePatchSendsTheCreatesDiskSizeAndTypeAndNothingMore() throws Exception {
    JsonNode created = create(machine("flexible")).at("/storageProfile/osDisk");
    JsonNode patched = update(machine("flexible")).at("/storageProfile/osDisk");
    assertThat(created.get("diskSizeGB").asInt()).isEqualTo(64);
    assertThat(created.at("/managedDisk/storageAccountType").asText()).isEqualTo("Premium_LRS");
    assertThat(patched.get("diskSizeGB")).isEqualTo(created.get("diskSizeGB"));
    assertThat(patched.get("managedDisk")).isEqualTo(created.get("managedDisk"));
    // Caching and the create option are the create's alone: a PATCH leaves them as they are.
    assertThat(patched.has("caching")).isFalse();
    assertThat(patched.has("createOption")).isFalse();
  }
}
