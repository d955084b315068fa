package dev.poolform.provider.azure;

import static dev.poolform.provider.azure.AzureTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolform.ir.IrCloud;
import dev.poolform.ir.IrPool;
import dev.poolform.ir.IrRollout;
import dev.poolform.provider.azure.session.AzureSession;
import dev.poolform.runtime.provider.CapacityRequest;
import dev.poolform.runtime.provider.GroupRef;
import dev.poolform.runtime.provider.ObservedGroup;
import dev.poolform.runtime.provider.ObservedMachine;
import dev.poolform.runtime.provider.ProviderException;
import dev.poolform.stdlib.value.BytesValue;
import dev.poolform.stdlib.value.IntValue;
import dev.poolform.stdlib.value.ListValue;
import dev.poolform.stdlib.value.MapValue;
import dev.poolform.stdlib.value.StringValue;
import dev.poolform.stdlib.value.Value;
import dev.poolform.testing.arm.Application;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every session operation against the ARM emulator, through the real SDK. */
class AzureSessionTest extends EmulatorTest {
  static final String LINEAGE = "0c7f4d3e-lineage";
  static final String UBUNTU = "Canonical:ubuntu-24_04-lts:server:latest";
  static final String UBUNTU2 = "Canonical:ubuntu-24_04-lts:server:24.04.202611010";

  @Override
  String lineage() {
    return LINEAGE;
  }

  @Override
  long bootMillis() {
    return 50;
  }

  private GroupRef create(IrPool pool) throws ProviderException {
    return session.create(
        spec(pool, LINEAGE),
        CapacityRequest.of(
            pool.capacity().min(),
            pool.capacity().max(),
            pool.capacity().desired().orElse(pool.capacity().min())),
        "token-" + pool.name());
  }

  private List<ObservedMachine> healthy(GroupRef ref, int n) throws Exception {
    await(
        n + " healthy machines",
        5000,
        () -> {
          try {
            return session.machines(ref).stream()
                        .filter(m -> m.state() == ObservedMachine.MachineState.HEALTHY)
                        .count()
                    == n
                && session.machines(ref).size() == n;
          } catch (ProviderException e) {
            throw new AssertionError(e);
          }
        });
    return session.machines(ref);
  }

  /**
   * {@code count} scale sets named {@code prefix-NN} (or {@code -NNN} from 100 up) seeded in the
   * emulator with {@code machines} machines each, as refs of pools {@code pool.<name>}; with {@code
   * withIds}, the refs carry the resource ids (as state records them), else only the names.
   */
  List<GroupRef> seeded(String prefix, int count, int machines, boolean withIds) {
    List<GroupRef> refs = new java.util.ArrayList<>();
    for (int i = 0; i < count; i++) {
      String name = String.format(count > 99 ? "%s-%03d" : "%s-%02d", prefix, i);
      arm.seed(SUB, RG, name, Map.of("poolform:address", "pool." + name), machines);
      String id =
          withIds
              ? "/subscriptions/"
                  + SUB
                  + "/resourceGroups/"
                  + RG
                  + "/providers/Microsoft.Compute/virtualMachineScaleSets/"
                  + name
              : null;
      refs.add(new GroupRef("pool." + name, name, id));
    }
    return refs;
  }

  /** Every pool read has {@code perPool} machines, all healthy. */
  static void allHealthy(Map<String, List<ObservedMachine>> machines, int perPool) {
    assertThat(machines.values())
        .allSatisfy(
            ms ->
                assertThat(ms)
                    .hasSize(perPool)
                    .allMatch(m -> m.state() == ObservedMachine.MachineState.HEALTHY));
  }

  @Test
  void createsReadsScalesAndDeletesAScaleSet() throws Exception {
    Map<String, Value> m = machine(UBUNTU);
    m.put("zones", new ListValue(List.of(new StringValue("1"), new StringValue("2"))));
    m.put(
        "subnet",
        new StringValue(
            "/subscriptions/"
                + SUB
                + "/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/v/subnets/s"));
    m.put("user_data", secret("#cloud-config\npackages: [nginx]\n"));
    m.put(
        "disk",
        MapValue.of(
            Map.of("size", new BytesValue(64L << 30), "type", new StringValue("Premium_LRS"))));
    IrPool pool =
        pool(cloud, "web", m, 2, 5, OptionalLong.of(3), IrRollout.DEFAULT, Map.of("team", "web"));

    GroupRef ref = create(pool);
    assertThat(ref.cloudId())
        .isEqualTo(
            "/subscriptions/"
                + SUB
                + "/resourceGroups/"
                + RG
                + "/providers/Microsoft.Compute/virtualMachineScaleSets/web");
    ObjectNode s = arm.scaleSet(RG, "web").orElseThrow();
    assertThat(s.path("sku").path("capacity").asLong()).isEqualTo(3);
    assertThat(s.path("sku").path("name").asText()).isEqualTo("Standard_D2s_v5");
    assertThat(s.path("properties").path("orchestrationMode").asText()).isEqualTo("Flexible");
    assertThat(s.path("properties").path("platformFaultDomainCount").asInt()).isEqualTo(1);
    JsonNode profile = s.path("properties").path("virtualMachineProfile");
    assertThat(
            new String(
                Base64.getDecoder().decode(profile.path("userData").asText()),
                StandardCharsets.UTF_8))
        .isEqualTo("#cloud-config\npackages: [nginx]\n");
    assertThat(profile.path("storageProfile").path("osDisk").path("diskSizeGB").asInt())
        .isEqualTo(64);
    assertThat(
            profile
                .path("osProfile")
                .path("linuxConfiguration")
                .path("ssh")
                .path("publicKeys")
                .get(0)
                .path("keyData")
                .asText())
        .startsWith("ssh-ed25519 ");
    assertThat(s.path("tags").path("poolform:address").asText()).isEqualTo("pool.web");
    assertThat(s.path("tags").path("poolform:lineage").asText()).isEqualTo(LINEAGE);
    assertThat(s.path("tags").path("poolform:min").asText()).isEqualTo("2");
    assertThat(s.path("tags").path("team").asText()).isEqualTo("web");

    ObservedGroup g = session.read(List.of(ref)).get("pool.web");
    assertThat(g.desired()).isEqualTo(3);
    assertThat(g.min()).isEqualTo(2);
    assertThat(g.max()).isEqualTo(5);
    assertThat(g.specHash()).contains(specHash(pool));
    assertThat(g.machine().string("image")).contains(UBUNTU);
    assertThat(g.machine().string("size")).contains("Standard_D2s_v5");
    assertThat(g.machine().string("orchestration")).contains("flexible");
    assertThat(g.machine().strings("zones")).contains(List.of("1", "2"));
    assertThat(g.machine().string("subnet"))
        .isEqualTo(
            m.get("subnet") instanceof StringValue sv ? java.util.Optional.of(sv.value()) : null);
    assertThat(g.machine().map("disk").orElseThrow().bytes("size")).contains(64L << 30);

    List<ObservedMachine> machines = healthy(ref, 3);
    assertThat(machines)
        .allSatisfy(
            mm -> {
              assertThat(mm.specHash()).contains(specHash(pool));
              assertThat(mm.healthySince()).isPresent();
              assertThat(mm.zone()).isPresent();
            });

    session.setCapacity(ref, CapacityRequest.of(2, 6, 5));
    healthy(ref, 5);
    assertThat(session.read(List.of(ref)).get("pool.web").max()).isEqualTo(6);

    session.setCapacity(ref, CapacityRequest.of(1, 2, 2));
    await("scale in to 2", 5000, () -> arm.instances(RG, "web").size() == 2);

    session.delete(ref);
    assertThat(arm.scaleSetCount()).isZero();
    assertThat(session.read(List.of(ref))).isEmpty();
    session.delete(ref); // already gone: fine
    // The SDK speaks 2025-04-01; operation URLs carry the emulator's own 2025-11-01, as ARM does.
    assertThat(arm.apiVersionsSeen()).contains("2025-04-01");
  }

  @Test
  void aModelChangedOutsidePoolformShowsAsDrift() throws Exception {
    Map<String, Value> m = machine(UBUNTU);
    m.put("orchestration", new StringValue("uniform"));
    m.put(
        "spot",
        MapValue.of(
            Map.of(
                "max_price",
                new dev.poolform.stdlib.value.NumberValue(0.12),
                "eviction",
                new StringValue("delete"))));
    m.put("disk", MapValue.of(Map.of("type", new StringValue("StandardSSD_LRS"))));
    IrPool pool = pool(cloud, "render", m, 1);
    GroupRef ref = create(pool);
    assertThat(session.read(List.of(ref)).get("pool.render").specHash()).contains(specHash(pool));
    assertThat(
            session
                .read(List.of(ref))
                .get("pool.render")
                .machine()
                .map("spot")
                .orElseThrow()
                .string("eviction"))
        .contains("delete");

    // Someone resizes the VMs in the portal.
    arm.outsideChange(
        RG, "render", b -> ((ObjectNode) b.path("sku")).put("name", "Standard_F16s_v2"));
    assertThat(session.read(List.of(ref)).get("pool.render").specHash().orElseThrow())
        .startsWith("changed-outside-poolform:");
    // Labels and capacity changes do not look like drift.
    session.setCapacity(ref, CapacityRequest.of(0, 10, 2));
    // Applying the configuration's model again clears it.
    session.updateModel(ref, spec(pool, LINEAGE));
    assertThat(session.read(List.of(ref)).get("pool.render").specHash()).contains(specHash(pool));
    session.updateMetadata(
        ref,
        spec(
            pool(
                cloud,
                "render",
                m,
                0,
                10,
                OptionalLong.of(2),
                IrRollout.DEFAULT,
                Map.of("team", "media")),
            LINEAGE));
    assertThat(session.read(List.of(ref)).get("pool.render").specHash()).contains(specHash(pool));
  }

  @Test
  void uniformOrchestrationOverprovisionsNothing() throws Exception {
    Map<String, Value> m = machine(UBUNTU);
    m.put("orchestration", new StringValue("uniform"));
    GroupRef ref = create(pool(cloud, "batch", m, 2));
    ObjectNode s = arm.scaleSet(RG, "batch").orElseThrow();
    assertThat(s.path("properties").path("orchestrationMode").asText()).isEqualTo("Uniform");
    assertThat(s.path("properties").path("overprovision").asBoolean()).isFalse();
    assertThat(healthy(ref, 2)).extracting(ObservedMachine::id).containsExactly("0", "1");
  }

  @Test
  void aRetriedCreateDoesNotCreateTwice() throws Exception {
    IrPool pool = pool(cloud, "api", machine(UBUNTU), 2);
    GroupRef first = create(pool);
    GroupRef second = create(pool);
    assertThat(second).isEqualTo(first);
    assertThat(arm.count("createOrUpdate")).isEqualTo(1);
    assertThat(arm.scaleSetCount()).isEqualTo(1);
  }

  @Test
  void aScaleSetOfSomeoneElseIsNeverOverwritten() throws Exception {
    arm.seed(SUB, RG, "api", Map.of("owner", "another-team"), 1);
    assertThatThrownBy(() -> create(pool(cloud, "api", machine(UBUNTU), 2)))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> {
              assertThat(e.attribute()).contains("name");
              assertThat(e.getMessage()).contains("pool import pool.api");
            });
    assertThat(arm.count("createOrUpdate")).isZero();
  }

  @Test
  void externalDesiredNeverSendsCapacity() throws Exception {
    IrPool pool =
        pool(
            cloud,
            "workers",
            machine(UBUNTU),
            1,
            8,
            OptionalLong.empty(),
            IrRollout.DEFAULT,
            Map.of());
    GroupRef ref =
        session.create(spec(pool, LINEAGE), new CapacityRequest(1, 8, OptionalLong.empty()), "t");
    assertThat(arm.scaleSet(RG, "workers").orElseThrow().path("sku").path("capacity").asLong())
        .isEqualTo(1);
    // The autoscaler moves it to 6.
    arm.outsideChange(RG, "workers", b -> ((ObjectNode) b.path("sku")).put("capacity", 6));
    session.setCapacity(ref, new CapacityRequest(2, 10, OptionalLong.empty()));
    assertThat(arm.lastRequestBody("update").orElseThrow().has("sku")).isFalse();
    assertThat(arm.scaleSet(RG, "workers").orElseThrow().path("sku").path("capacity").asLong())
        .isEqualTo(6);
    assertThat(session.read(List.of(ref)).get("pool.workers").max()).isEqualTo(10);
    // Outside the new bounds it is pulled back in.
    session.setCapacity(ref, new CapacityRequest(1, 4, OptionalLong.empty()));
    assertThat(arm.scaleSet(RG, "workers").orElseThrow().path("sku").path("capacity").asLong())
        .isEqualTo(4);
  }

  @Test
  void labelOnlyChangesPatchTagsAndTouchNoMachine() throws Exception {
    IrPool pool = pool(cloud, "web", machine(UBUNTU), 2);
    GroupRef ref = create(pool);
    Set<String> before =
        healthy(ref, 2).stream().map(ObservedMachine::id).collect(Collectors.toSet());
    IrPool relabelled =
        pool(
            cloud,
            "web",
            machine(UBUNTU),
            0,
            10,
            OptionalLong.of(2),
            IrRollout.DEFAULT,
            Map.of("team", "edge"));
    session.updateMetadata(ref, spec(relabelled, LINEAGE));
    JsonNode patch = arm.lastRequestBody("update").orElseThrow();
    assertThat(patch.has("sku")).isFalse();
    assertThat(patch.path("properties").has("virtualMachineProfile")).isFalse();
    assertThat(patch.path("tags").path("team").asText()).isEqualTo("edge");
    assertThat(patch.path("tags").path("poolform:max").asText()).isEqualTo("10");
    List<ObservedMachine> after = session.machines(ref);
    assertThat(after).extracting(ObservedMachine::id).containsExactlyInAnyOrderElementsOf(before);
    assertThat(after).allSatisfy(mm -> assertThat(mm.specHash()).contains(specHash(pool)));
  }

  @Test
  void aModelUpdateLeavesRunningMachinesOldAndNewOnesNew() throws Exception {
    IrPool v1 = pool(cloud, "web", machine(UBUNTU), 2);
    GroupRef ref = create(v1);
    List<ObservedMachine> old = healthy(ref, 2);
    IrPool v2 = pool(cloud, "web", machine(UBUNTU2), 2);
    session.updateModel(ref, spec(v2, LINEAGE));
    assertThat(arm.lastRequestBody("update").orElseThrow().path("sku").has("capacity")).isFalse();
    assertThat(session.machines(ref)).allSatisfy(mm -> assertThat(mm.specHash()).isEmpty());
    assertThat(session.read(List.of(ref)).get("pool.web").specHash()).contains(specHash(v2));

    // The engine's rollout: surge one, retire one old machine, until none is old.
    session.setCapacity(ref, CapacityRequest.of(0, 10, 3));
    healthy(ref, 3);
    session.terminate(ref, List.of(old.get(0).id()), true);
    await("retired", 5000, () -> arm.instances(RG, "web").size() == 2);
    session.setCapacity(ref, CapacityRequest.of(0, 10, 3));
    healthy(ref, 3);
    session.terminate(ref, List.of(old.get(1).id()), true);
    await("retired", 5000, () -> arm.instances(RG, "web").size() == 2);
    List<ObservedMachine> now = healthy(ref, 2);
    assertThat(now).allSatisfy(mm -> assertThat(mm.specHash()).contains(specHash(v2)));
    assertThat(
            arm.scaleSet(RG, "web")
                .orElseThrow()
                .path("properties")
                .path("virtualMachineProfile")
                .path("storageProfile")
                .path("imageReference")
                .path("version")
                .asText())
        .isEqualTo("24.04.202611010");
  }

  @Test
  void flexibleMachinesComeFromTheVirtualMachinesApiAndUniformOnesFromTheScaleSetVmApi()
      throws Exception {
    GroupRef flex = create(pool(cloud, "flex", machine(UBUNTU), 2));
    Map<String, Value> um = machine(UBUNTU);
    um.put("orchestration", new StringValue("uniform"));
    GroupRef uni = create(pool(cloud, "uni", um, 2));
    healthy(flex, 2);
    arm.resetCounts();
    healthy(uni, 2);
    // Uniform machines come from the scale set's instance list, never from the VM API.
    assertThat(arm.count("listVMs")).isPositive();
    assertThat(arm.count("listVirtualMachines")).isZero();
    assertThat(arm.count("listAllVirtualMachines")).isZero();

    arm.resetCounts();
    List<ObservedMachine> flexMachines = session.machines(flex);
    // The models were listed while waiting above and are kept; the status comes from the VM API.
    assertThat(arm.count("listAllVirtualMachines")).isEqualTo(1);
    assertThat(arm.count("listVMs")).isZero();
    // Flexible machines are VMs named after the scale set; the ids are what the batch delete takes.
    assertThat(flexMachines)
        .extracting(ObservedMachine::id)
        .allSatisfy(id -> assertThat(id).startsWith("flex_"));

    session.terminate(flex, List.of(flexMachines.get(0).id()), true);
    await(
        "deleted through the batch delete",
        5000,
        () -> arm.virtualMachines(RG, "flex").size() == 1);
  }

  @Test
  void aUserDataChangeMakesFlexibleMachinesOldThoughTheyReportNoUserData() throws Exception {
    Map<String, Value> m = machine(UBUNTU);
    m.put("user_data", secret("#!/bin/sh\necho v1\n"));
    IrPool v1 = pool(cloud, "web", m, 2);
    GroupRef ref = create(v1);
    healthy(ref, 2);
    Map<String, Value> m2 = new TreeMap<>(m);
    m2.put("user_data", secret("#!/bin/sh\necho v2\n"));
    IrPool v2 = pool(cloud, "web", m2, 2);
    Thread.sleep(5); // the VMs were created strictly before the model change
    session.updateModel(ref, spec(v2, LINEAGE));
    assertThat(arm.scaleSet(RG, "web").orElseThrow().path("tags").has("poolform:model-since"))
        .isTrue();
    assertThat(session.machines(ref))
        .hasSize(2)
        .allSatisfy(mm -> assertThat(mm.specHash()).isEmpty());
    // A machine built after the change runs the new model.
    session.setCapacity(ref, CapacityRequest.of(0, 10, 3));
    healthy(ref, 3);
    assertThat(session.machines(ref))
        .filteredOn(mm -> mm.specHash().isPresent())
        .hasSize(1)
        .allSatisfy(mm -> assertThat(mm.specHash()).contains(specHash(v2)));
    // Labels and capacity keep the marker.
    session.updateMetadata(ref, spec(v2, LINEAGE));
    assertThat(arm.scaleSet(RG, "web").orElseThrow().path("tags").has("poolform:model-since"))
        .isTrue();
  }

  @Test
  void terminateWithoutDecrementLetsAzureReplace() throws Exception {
    GroupRef ref = create(pool(cloud, "web", machine(UBUNTU), 3));
    List<ObservedMachine> before = healthy(ref, 3);
    session.terminate(ref, List.of(before.get(1).id()), false);
    List<ObservedMachine> after = healthy(ref, 3);
    assertThat(after).extracting(ObservedMachine::id).doesNotContain(before.get(1).id());
    assertThat(arm.scaleSet(RG, "web").orElseThrow().path("sku").path("capacity").asLong())
        .isEqualTo(3);
  }

  private static MapValue probe() {
    return MapValue.of(
        Map.of(
            "protocol",
            new StringValue("http"),
            "port",
            new IntValue(8080),
            "path",
            new StringValue("/healthz")));
  }

  /**
   * With a health probe, the Application Health extension's verdict is the machine's health: the
   * plain 200 of an ordinary health endpoint is healthy; nothing listening is unhealthy, since when
   * the extension said so.
   */
  @Test
  void withAHealthProbeTheExtensionDecidesWhetherAMachineIsHealthy() throws Exception {
    for (String mode : List.of("flexible", "uniform")) {
      arm.application = Application.PLAIN_200;
      Map<String, Value> m = machine(UBUNTU);
      m.put("orchestration", new StringValue(mode));
      m.put("health_probe", probe());
      GroupRef ref = create(pool(cloud, "web-" + mode, m, 2));
      healthy(ref, 2);
      arm.application = Application.DOWN;
      Thread.sleep(50); // the next read tick (20 ms here)
      assertThat(session.machines(ref))
          .as(mode)
          .allSatisfy(
              machine -> {
                assertThat(machine.state()).isEqualTo(ObservedMachine.MachineState.UNHEALTHY);
                assertThat(machine.unhealthySince()).isPresent();
              });
    }
  }

  /** A PATCH of the extension list replaces it whole: others' extensions are sent back too. */
  @Test
  void aModelUpdateKeepsTheExtensionsSomeoneElseInstalled() throws Exception {
    Map<String, Value> m = machine(UBUNTU);
    m.put("health_probe", probe());
    GroupRef ref = create(pool(cloud, "web", m, 1));
    arm.outsideChange(
        RG,
        "web",
        body -> {
          ObjectNode ext =
              ((com.fasterxml.jackson.databind.node.ArrayNode)
                      body.path("properties")
                          .path("virtualMachineProfile")
                          .path("extensionProfile")
                          .path("extensions"))
                  .addObject();
          ext.put("name", "AzureMonitorLinuxAgent");
          ext.putObject("properties")
              .put("publisher", "Microsoft.Azure.Monitor")
              .put("type", "AzureMonitorLinuxAgent")
              .put("typeHandlerVersion", "1.0");
        });
    m.put("image", new StringValue(UBUNTU2));
    session.updateModel(ref, spec(pool(cloud, "web", m, 1), LINEAGE));
    assertThat(extensionNames("web")).containsExactly("AzureMonitorLinuxAgent", "HealthExtension");
    m.remove("health_probe");
    session.updateModel(ref, spec(pool(cloud, "web", m, 1), LINEAGE));
    assertThat(extensionNames("web")).containsExactly("AzureMonitorLinuxAgent");
  }

  private List<String> extensionNames(String name) {
    List<String> out = new java.util.ArrayList<>();
    arm.scaleSet(RG, name)
        .orElseThrow()
        .path("properties")
        .path("virtualMachineProfile")
        .path("extensionProfile")
        .path("extensions")
        .forEach(e -> out.add(e.path("name").asText()));
    return out;
  }

  @Test
  void aPoolWithoutASubnetIsRefusedBeforeAnyCall() {
    Map<String, Value> m = machine(UBUNTU);
    m.remove("subnet");
    assertThatThrownBy(() -> create(pool(cloud, "web", m, 1)))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ProviderException.Kind.INVALID_VALUE);
              assertThat(e.attribute()).contains("machine.subnet");
            });
    assertThat(arm.count("createOrUpdate")).isZero();
  }

  @Test
  void armErrorsPointAtPoolAttributes() throws Exception {
    arm.unavailableImages.add("Canonical:nope:server:latest");
    assertThatThrownBy(() -> create(pool(cloud, "web", machine("Canonical:nope:server:latest"), 1)))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ProviderException.Kind.INVALID_VALUE);
              assertThat(e.cloudCode()).contains("InvalidParameter");
              assertThat(e.attribute()).contains("machine.image");
              assertThat(e.getMessage()).contains("Canonical:nope:server:latest");
            });
    Map<String, Value> badSize = machine(UBUNTU);
    badSize.put("size", new StringValue("Huge"));
    assertThatThrownBy(() -> create(pool(cloud, "web", badSize, 1)))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.attribute()).contains("machine.size"));
    assertThatThrownBy(() -> create(pool(cloud, "-web", machine(UBUNTU), 1)))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> {
              assertThat(e.cloudCode()).contains("InvalidResourceName");
              assertThat(e.attribute()).contains("name");
            });
    assertThat(arm.scaleSetCount()).isZero();
  }

  @Test
  void findsWhatItOwnsByLineageAndAdoptsByResourceId() throws Exception {
    create(pool(cloud, "a", machine(UBUNTU), 1));
    create(pool(cloud, "b", machine(UBUNTU), 1));
    arm.seed(SUB, RG, "c", Map.of("poolform:lineage", "other", "poolform:address", "pool.c"), 1);
    assertThat(session.findOwned(LINEAGE))
        .extracting(g -> g.ref().address())
        .containsExactlyInAnyOrder("pool.a", "pool.b");

    String id =
        "/subscriptions/"
            + SUB
            + "/resourceGroups/"
            + RG
            + "/providers/Microsoft.Compute/virtualMachineScaleSets/c";
    ObservedGroup adopted = session.adopt(id).orElseThrow();
    assertThat(adopted.ref().cloudId()).isEqualTo(id);
    assertThat(adopted.desired()).isEqualTo(1);
    assertThat(session.adopt(id.replace("/c", "/missing"))).isEmpty();
    assertThatThrownBy(() -> session.adopt("web"))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.INVALID_VALUE));
  }

  /**
   * {@code pool state rm}: the scale set loses its ownership tags and nothing else (a PATCH of tags
   * replaces them all, so the labels and bounds must be sent back); the lineage no longer finds it.
   */
  @Test
  void releaseRemovesOnlyTheOwnershipTags() throws Exception {
    GroupRef ref = create(pool(cloud, "handoff", machine(UBUNTU), 1));
    assertThat(session.findOwned(LINEAGE)).hasSize(1);

    session.release(ref);

    assertThat(session.findOwned(LINEAGE)).isEmpty();
    ObservedGroup g = session.read(List.of(ref)).get(ref.address());
    assertThat(g.tags())
        .doesNotContainKeys("poolform:lineage", "poolform:address")
        .containsKeys("poolform:min", "poolform:max");
    assertThat(g.desired()).isEqualTo(1);
    session.release(ref); // again: nothing to remove, no call
    assertThatThrownBy(
            () ->
                session.release(
                    new GroupRef(
                        "pool.x", "missing", ref.cloudId().replace("/handoff", "/missing"))))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.NOT_FOUND));
  }

  @Test
  void readOf250PoolsIsFivePagedListsAndNoGet() throws Exception {
    // The engine's poll interval as the read tick: what is listed serves the whole tick.
    Map<String, String> env = new java.util.HashMap<>(env());
    env.put(dev.poolform.provider.azure.connect.AzureSettings.READ_TICK_ENV, "2000");
    var session = connect(cloud, LINEAGE, env);
    arm.pageSize = 50;
    List<GroupRef> refs = seeded("pool", 250, 1, false);
    arm.seed(SUB, "elsewhere", "pool-000", Map.of(), 1);
    arm.resetCounts();
    Map<String, ObservedGroup> read = session.read(refs);
    assertThat(read).hasSize(250);
    // The planner's findOwned right after reuses the listing.
    assertThat(session.findOwned(LINEAGE)).isEmpty();
    assertThat(arm.count("listByResourceGroup")).isLessThanOrEqualTo(5);
    assertThat(arm.counts().keySet()).containsExactly("listByResourceGroup");
    // Within the tick a read of one pool costs nothing; after it, one pool (the engine waiting on
    // it) is a GET, not five pages.
    arm.resetCounts();
    assertThat(session.read(refs.subList(0, 1))).hasSize(1);
    assertThat(arm.counts()).isEmpty();
    Thread.sleep(50);
    assertThat(this.session.read(refs.subList(0, 1))).hasSize(1);
    assertThat(arm.counts()).isEqualTo(Map.of("get", 1));
  }

  /**
   * The machines of many Flexible pools: one list of the scale sets, one of the resource group's
   * VMs and one of the subscription's VM statuses, however many pools.
   */
  @Test
  void machinesOfManyFlexiblePoolsAreThreeLists() throws Exception {
    List<GroupRef> refs = seeded("flex", 20, 2, false);
    Thread.sleep(100); // booted
    arm.resetCounts();
    Map<String, List<ObservedMachine>> machines = ((AzureSession) session).machines(refs);
    assertThat(machines).hasSize(20);
    allHealthy(machines, 2);
    assertThat(arm.counts())
        .isEqualTo(
            Map.of(
                "listByResourceGroup", 1, "listVirtualMachines", 1, "listAllVirtualMachines", 1));
  }

  /**
   * A later look lists the VM models again only when the status list shows a VM it has not seen: a
   * machine's model does not change after it is created, its state comes from the status list, and
   * a deleted machine drops out with its status.
   */
  @Test
  void laterLooksKeepFlexibleModelsUntilANewMachineAppears() throws Exception {
    List<GroupRef> refs =
        List.of(
            create(pool(cloud, "keep-a", machine(UBUNTU), 2)),
            create(pool(cloud, "keep-b", machine(UBUNTU), 2)));
    for (GroupRef r : refs) healthy(r, 2);
    AzureSession azure = (AzureSession) session;
    allHealthy(azure.machines(refs), 2);
    Thread.sleep(50); // past the read tick
    arm.resetCounts();
    allHealthy(azure.machines(refs), 2);
    assertThat(arm.counts()).doesNotContainKey("listVirtualMachines");
    assertThat(arm.count("listAllVirtualMachines")).isEqualTo(1);

    GroupRef grown = refs.get(0);
    session.setCapacity(grown, CapacityRequest.of(0, 10, 3));
    arm.resetCounts();
    Map<String, List<ObservedMachine>> after = azure.machines(refs);
    assertThat(arm.count("listVirtualMachines")).isEqualTo(1);
    assertThat(after.get(grown.address())).hasSize(3);

    String victim = after.get(refs.get(1).address()).get(0).id();
    session.terminate(refs.get(1), List.of(victim), true);
    Thread.sleep(100); // the deletion ended, the new machine booted
    azure.machines(refs);
    Thread.sleep(50);
    arm.resetCounts();
    Map<String, List<ObservedMachine>> later = azure.machines(refs);
    assertThat(arm.counts()).doesNotContainKey("listVirtualMachines");
    assertThat(later.get(refs.get(1).address()))
        .extracting(ObservedMachine::id)
        .doesNotContain(victim)
        .hasSize(1);
    assertThat(later.get(grown.address())).hasSize(3);
  }

  /**
   * A Uniform scale set whose instances were all healthy, with as many as its capacity, when they
   * were last listed is not listed again while its scale set shows exactly as then and nobody wrote
   * to it: the pools a rollout watches but does not change cost no instance list. A write, a change
   * from outside, a machine still booting, and five read ticks, each list again; so does every look
   * at a scale set with the health extension (whose reports no scale set listing shows).
   */
  @Test
  void settledUniformScaleSetsAreNotListedAgainUntilSomethingChanges() throws Exception {
    Map<String, Value> um = machine(UBUNTU);
    um.put("orchestration", new StringValue("uniform"));
    GroupRef uni = create(pool(cloud, "settled", um, 2));
    healthy(uni, 2);
    succeeded("settled");
    // A read tick of 200 ms (a settled scale set's instances are kept for 1 s at most).
    Map<String, String> env = new java.util.HashMap<>(env());
    env.put(dev.poolform.provider.azure.connect.AzureSettings.READ_TICK_ENV, "200");
    AzureSession azure = (AzureSession) connect(cloud, LINEAGE, env);
    List<GroupRef> refs = List.of(uni);
    allHealthy(azure.machines(refs), 2);
    Thread.sleep(250); // past the read tick
    arm.resetCounts();
    allHealthy(azure.machines(refs), 2);
    assertThat(arm.counts()).isEqualTo(Map.of("listByResourceGroup", 1));

    // A write of this session: listed again (and while the new machine boots, at every look).
    azure.setCapacity(uni, CapacityRequest.of(0, 10, 3));
    arm.resetCounts();
    azure.machines(refs);
    assertThat(arm.count("listVMs")).isEqualTo(1);
    healthy(uni, 3);
    succeeded("settled");
    Thread.sleep(250);
    allHealthy(azure.machines(refs), 3);
    Thread.sleep(250);
    arm.resetCounts();
    allHealthy(azure.machines(refs), 3);
    assertThat(arm.counts()).doesNotContainKey("listVMs");

    // A change from outside shows in the scale set's listing: listed again.
    arm.outsideChange(RG, "settled", b -> ((ObjectNode) b.path("tags")).put("team", "blue"));
    Thread.sleep(250);
    arm.resetCounts();
    allHealthy(azure.machines(refs), 3);
    assertThat(arm.count("listVMs")).isEqualTo(1);

    // Kept for five read ticks at most.
    Thread.sleep(1100);
    arm.resetCounts();
    allHealthy(azure.machines(refs), 3);
    assertThat(arm.count("listVMs")).isEqualTo(1);
  }

  /** Waits until the scale set's last operation has ended ({@code Succeeded}). */
  private void succeeded(String name) throws Exception {
    await(
        name + " Succeeded",
        5000,
        () ->
            arm.scaleSet(RG, name)
                .orElseThrow()
                .path("properties")
                .path("provisioningState")
                .asText()
                .equals("Succeeded"));
  }

  /**
   * The shared poller's look ({@code observe}): every waiting pool in one list of the scale sets
   * (never a GET per pool, however few), the Flexible pools' machines in two VM lists, a Uniform
   * pool's in its instance list; and a write right after it keeps what it does not own from that
   * listing instead of a GET of its own.
   */
  @Test
  void oneLookAtManyPoolsIsOneListOfScaleSetsAndAWriteAfterItNeedsNoGet() throws Exception {
    Map<String, Value> um = machine(UBUNTU);
    um.put("orchestration", new StringValue("uniform"));
    GroupRef uni = create(pool(cloud, "uni", um, 2));
    List<GroupRef> refs = new java.util.ArrayList<>(seeded("look", 3, 2, true));
    refs.add(uni);
    healthy(uni, 2);
    Thread.sleep(100); // booted
    // The engine's poll interval as the read tick, so that the write below falls inside it.
    Map<String, String> env = new java.util.HashMap<>(env());
    env.put(dev.poolform.provider.azure.connect.AzureSettings.READ_TICK_ENV, "5000");
    var session = connect(cloud, LINEAGE, env);
    arm.resetCounts();
    var look = session.observe(refs, refs);
    assertThat(look.groups().keySet())
        .containsExactlyInAnyOrderElementsOf(refs.stream().map(GroupRef::cloudId).toList());
    assertThat(look.groups().get(uni.cloudId()).ref()).isEqualTo(uni);
    assertThat(look.machines().values()).allSatisfy(ms -> assertThat(ms).hasSize(2));
    assertThat(arm.counts())
        .isEqualTo(
            Map.of(
                "listByResourceGroup",
                1,
                "listVirtualMachines",
                1,
                "listAllVirtualMachines",
                1,
                "listVMs",
                1));
    assertThat(session.pollsInBatches()).isTrue();

    arm.resetCounts();
    session.setCapacity(uni, CapacityRequest.of(0, 10, 3));
    assertThat(arm.counts()).doesNotContainKey("get").containsKey("update");
    // The write ended that listing for the scale set written, but said what it left: the next
    // write within the tick takes that instead of a GET.
    arm.resetCounts();
    session.setCapacity(uni, CapacityRequest.of(0, 10, 2));
    assertThat(arm.counts()).doesNotContainKey("get").containsKey("update");
    assertThat(arm.scaleSet(RG, "uni").orElseThrow().path("sku").path("capacity").asLong())
        .isEqualTo(2);
    // The same sizes again: nothing to write at all.
    arm.resetCounts();
    session.setCapacity(uni, CapacityRequest.of(0, 10, 2));
    assertThat(arm.counts()).isEmpty();
    // Deleting machines leaves a capacity the session cannot vouch for (some may have been gone
    // already): keeping it under `desired = external` reads it first.
    String victim = session.machines(uni).get(0).id();
    session.terminate(uni, List.of(victim), true);
    arm.resetCounts();
    session.setCapacity(uni, new CapacityRequest(0, 10, java.util.OptionalLong.empty()));
    assertThat(arm.count("get")).isEqualTo(1);
    assertThat(arm.counts()).doesNotContainKey("update");
    assertThat(arm.scaleSet(RG, "uni").orElseThrow().path("sku").path("capacity").asLong())
        .isEqualTo(1);
  }

  /**
   * An identity whose role is on the resource group only is refused the subscription's status list:
   * the session reads each Flexible pool's machines with their instance view instead, and does not
   * ask for the refused list again.
   */
  @Test
  void aRoleOnTheResourceGroupOnlyReadsFlexibleMachinesPoolByPool() throws Exception {
    List<GroupRef> refs = seeded("rg-only", 3, 2, false);
    Thread.sleep(100); // booted
    arm.roleResourceGroup = RG;
    arm.resetCounts();
    Map<String, List<ObservedMachine>> machines = ((AzureSession) session).machines(refs);
    assertThat(machines).hasSize(3);
    allHealthy(machines, 2);
    assertThat(arm.counts())
        .isEqualTo(
            Map.of(
                "listByResourceGroup", 1, "listVirtualMachines", 3, "listAllVirtualMachines", 1));
    Thread.sleep(50); // the next tick
    arm.resetCounts();
    assertThat(((AzureSession) session).machines(refs)).hasSize(3);
    assertThat(arm.counts()).doesNotContainKey("listAllVirtualMachines");
    assertThat(arm.count("listVirtualMachines")).isEqualTo(3);
  }

  @Test
  void configurationErrorsComeBeforeAnyCall() throws Exception {
    Map<String, Value> noSub = new TreeMap<>(AzureTestSupport.settings(arm));
    noSub.remove("subscription");
    assertThatThrownBy(
            () -> connect(new IrCloud("azure", "az", MapValue.of(noSub)), LINEAGE, env()))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ProviderException.Kind.CONFIGURATION);
              assertThat(e.getMessage()).contains("has no `subscription`");
            });
    // A loopback http endpoint without the explicit test token is not silently trusted.
    assertThatThrownBy(() -> connect(cloud, LINEAGE, Map.of()))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ProviderException.Kind.CONFIGURATION);
              assertThat(e.getMessage()).contains("POOLFORM_AZURE_TEST_TOKEN");
            });
    Map<String, Value> remote = new TreeMap<>(AzureTestSupport.settings(arm));
    remote.put("endpoint", new StringValue("http://management.example.com/"));
    assertThatThrownBy(
            () -> connect(new IrCloud("azure", "az", MapValue.of(remote)), LINEAGE, env()))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.getMessage()).contains("plain http"));
    assertThat(arm.counts()).isEmpty();
  }

  @Test
  void providerIsFoundThroughServiceLoaderAndListsImmutableAttributes() {
    var providers =
        java.util.ServiceLoader.load(dev.poolform.runtime.provider.CloudProvider.class).stream()
            .map(java.util.ServiceLoader.Provider::get)
            .filter(p -> p.kind().equals("azure"))
            .toList();
    assertThat(providers).hasSize(1);
    assertThat(providers.get(0).immutableAttributes()).contains("machine.orchestration");
  }
}
