package dev.poolform.provider.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.poolform.compiler.Compiler;
import dev.poolform.ir.IrConfig;
import dev.poolform.provider.azure.connect.AzureConnection;
import dev.poolform.runtime.ApplyResult;
import dev.poolform.runtime.PlanResult;
import dev.poolform.runtime.Workspace;
import dev.poolform.runtime.WorkspaceOptions;
import dev.poolform.runtime.engine.ApplyOptions;
import dev.poolform.runtime.engine.Interruption;
import dev.poolform.runtime.engine.ProviderRegistry;
import dev.poolform.runtime.engine.Sleeper;
import dev.poolform.runtime.event.ApplyListener;
import dev.poolform.runtime.plan.Action;
import dev.poolform.runtime.plan.PoolChange;
import dev.poolform.testing.arm.ArmEmulator;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Create-time properties through the planner: ARM answers a PATCH of them with 409 {@code
 * PropertyChangeNotAllowed} (or, for a subnet in another virtual network, 400), so the plan makes
 * such a change a {@code replace} (a new scale set, then the old one deleted), never a PATCH.
 */
class AzureReplaceTest {
  static final String VNET =
      "/subscriptions/00000000-0000-0000-0000-0000000000aa/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/";

  @TempDir Path dir;
  ArmEmulator arm;
  Workspace ws;

  @BeforeEach
  void start() throws Exception {
    arm = ArmEmulator.start(AzureTestSupport.TOKEN);
    arm.bootMillis = 20;
    Map<String, String> env =
        Map.of(
            AzureConnection.TEST_TOKEN_ENV, AzureTestSupport.TOKEN, AzureConnection.POLL_ENV, "20");
    ws =
        Workspace.open(
            new WorkspaceOptions(
                dir,
                Optional.empty(),
                env,
                Clock.systemUTC(),
                Sleeper.REAL,
                ProviderRegistry.load()));
  }

  @AfterEach
  void stop() {
    arm.close();
  }

  String config(String diskType, String subnet) {
    return """
        cloud azure weu {
          subscription   = "00000000-0000-0000-0000-0000000000aa"
          resource_group = "rg-pools"
          location       = "westeurope"
          endpoint       = "%s"
        }
        pool "web" on weu {
          capacity { min = 1  max = 3  desired = 1 }
          machine {
            size   = "Standard_D2s_v5"
            image  = "Canonical:ubuntu-24_04-lts:server:latest"
            subnet = "%s"
            disk   { type = "%s" }
          }
        }
        """
        .formatted(arm.endpoint(), subnet, diskType);
  }

  IrConfig ir(String source) {
    return Compiler.compileSource("main.pool", source).ir().orElseThrow();
  }

  PoolChange planned(IrConfig ir) throws Exception {
    PlanResult p = ws.plan(ir);
    assertThat(p.ok()).as("%s", p.problems()).isTrue();
    return p.plan().orElseThrow().changes().get(0);
  }

  void apply(IrConfig ir) throws Exception {
    ApplyResult r =
        ws.apply(
            ir,
            new ApplyOptions(1, Duration.ofMillis(20), true, 0, new Interruption()),
            ApplyListener.NONE);
    assertThat(r.ok()).as("%s", r.problems()).isTrue();
  }

  @Test
  void aCreateTimePropertyIsReplacedAndAnotherSubnetOfTheNetworkIsRolledOut() throws Exception {
    apply(ir(config("Premium_LRS", VNET + "a/subnets/one")));
    String first =
        arm.scaleSet("rg-pools", "web").orElseThrow().path("properties").path("uniqueId").asText();

    // The OS disk type is set when the scale set is created: a new scale set.
    IrConfig ssd = ir(config("StandardSSD_LRS", VNET + "a/subnets/one"));
    PoolChange change = planned(ssd);
    assertThat(change.action()).isEqualTo(Action.REPLACE);
    assertThat(change.reasons())
        .anyMatch(r -> r.startsWith("machine.disk.type changed and cannot change in place"));
    apply(ssd);
    assertThat(arm.count("update")).as("no PATCH of a create-time property").isZero();
    assertThat(arm.scaleSetNames()).hasSize(1);
    assertThat(
            arm.scaleSet("rg-pools", arm.scaleSetNames().get(0))
                .orElseThrow()
                .path("properties")
                .path("virtualMachineProfile")
                .path("storageProfile")
                .path("osDisk")
                .path("managedDisk")
                .path("storageAccountType")
                .asText())
        .isEqualTo("StandardSSD_LRS");
    assertThat(planned(ssd).action()).isEqualTo(Action.NOOP);

    // Another subnet of the same virtual network: a model change, rolled out in place.
    IrConfig sameVnet = ir(config("StandardSSD_LRS", VNET + "a/subnets/two"));
    assertThat(planned(sameVnet).action()).isEqualTo(Action.ROLLOUT);
    // A subnet of another virtual network: a new scale set.
    PoolChange other = planned(ir(config("StandardSSD_LRS", VNET + "b/subnets/one")));
    assertThat(other.action()).isEqualTo(Action.REPLACE);
    assertThat(other.reasons()).anyMatch(r -> r.contains("moved to another virtual network"));
    assertThat(first).isNotEmpty();
  }

  @Test
  void theProviderSaysWhichChangesNeedANewScaleSet() {
    AzureProvider p = new AzureProvider();
    assertThat(
            p.replaceReason(
                "machine.subnet",
                TextNode.valueOf(VNET + "a/subnets/one"),
                TextNode.valueOf(VNET + "A/subnets/two")))
        .isEmpty();
    assertThat(
            p.replaceReason(
                "machine.subnet",
                TextNode.valueOf(VNET + "a/subnets/one"),
                TextNode.valueOf(VNET + "b/subnets/one")))
        .isPresent();
    assertThat(
            p.replaceReason(
                "machine.disk.type", MissingNode.getInstance(), TextNode.valueOf("Premium_LRS")))
        .isPresent();
    assertThat(p.replaceReason("machine.disk.size", TextNode.valueOf("30"), TextNode.valueOf("64")))
        .isEmpty();
    assertThat(
            p.replaceReason(
                "machine.orchestration", TextNode.valueOf("flexible"), TextNode.valueOf("uniform")))
        .isPresent();
  }
}
