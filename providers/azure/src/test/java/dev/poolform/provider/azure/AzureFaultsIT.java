package dev.poolform.provider.azure;

import static dev.poolform.provider.azure.AzureTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.ir.IrPool;
import dev.poolform.runtime.provider.CapacityRequest;
import dev.poolform.runtime.provider.GroupRef;
import dev.poolform.runtime.provider.ObservedMachine;
import dev.poolform.stdlib.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Throttling (429 + Retry-After), 500s, dropped connections (after the request took effect) and 409
 * "another operation in progress": every step still converges, and nothing is duplicated.
 */
class AzureFaultsIT extends EmulatorTest {
  static final String LINEAGE = "lineage-faults";

  @Override
  String lineage() {
    return LINEAGE;
  }

  @Override
  long bootMillis() {
    return 30;
  }

  @Test
  void aMixOfFaultsStillConvergesWithoutDuplicates() throws Exception {
    arm.faults.throttleRate = 0.06;
    arm.faults.serverErrorRate = 0.06;
    arm.faults.dropRate = 0.08;
    arm.faults.conflictRate = 0.08;
    arm.faults.retryAfterSeconds = 1;
    arm.faults.budget = 25;
    List<GroupRef> refs = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      IrPool pool = pool(cloud, "p" + i, machine("Canonical:ubuntu-24_04-lts:server:1"), 2);
      refs.add(session.create(spec(pool, LINEAGE), CapacityRequest.of(0, 10, 2), "token-" + i));
    }
    for (GroupRef ref : refs) session.setCapacity(ref, CapacityRequest.of(0, 10, 3));
    for (int i = 0; i < 5; i++) {
      Map<String, Value> m = machine("Canonical:ubuntu-24_04-lts:server:2");
      session.updateModel(refs.get(i), spec(pool(cloud, "p" + i, m, 3), LINEAGE));
    }
    for (GroupRef ref : refs) {
      List<ObservedMachine> ms = session.machines(ref);
      session.terminate(ref, List.of(ms.get(0).id()), false);
    }
    session.delete(refs.get(3));
    session.delete(refs.get(4));
    assertThat(arm.faults.budget).as("faults were injected").isLessThan(25);
    arm.faults.clear();

    assertThat(arm.scaleSetNames()).containsExactlyInAnyOrder("p0", "p1", "p2");
    assertThat(session.read(refs.subList(0, 3)))
        .hasSize(3)
        .allSatisfy((address, g) -> assertThat(g.desired()).isEqualTo(3));
    for (String name : List.of("p0", "p1", "p2")) {
      await(
          name + " settles at 3",
          5000,
          () ->
              arm.instances(RG, name).stream()
                      .filter(
                          vm ->
                              !vm.path("properties")
                                  .path("provisioningState")
                                  .asText()
                                  .equals("Deleting"))
                      .count()
                  == 3);
      assertThat(
              arm.scaleSet(RG, name)
                  .orElseThrow()
                  .path("properties")
                  .path("virtualMachineProfile")
                  .path("storageProfile")
                  .path("imageReference")
                  .path("version")
                  .asText())
          .isEqualTo("2");
    }
  }

  @Test
  void throttlingHonoursRetryAfter() throws Exception {
    arm.faults.throttleRate = 1.0;
    arm.faults.retryAfterSeconds = 2;
    arm.faults.budget = 1;
    long t0 = System.nanoTime();
    session.read(List.of(new GroupRef("pool.x", "x", null)));
    long millis = (System.nanoTime() - t0) / 1_000_000;
    assertThat(millis).isGreaterThanOrEqualTo(1900);
    assertThat(arm.count("get")).isEqualTo(2);
  }

  @Test
  void conflictsAreRetriedUntilTheOtherOperationEnds() throws Exception {
    GroupRef ref =
        session.create(
            spec(pool(cloud, "web", machine("a:b:c:d"), 1), LINEAGE),
            CapacityRequest.of(0, 5, 1),
            "t");
    arm.faults.conflictRate = 1.0;
    arm.faults.budget = 3;
    session.setCapacity(ref, CapacityRequest.of(0, 5, 2));
    assertThat(arm.count("update")).isEqualTo(4);
    assertThat(arm.scaleSet(RG, "web").orElseThrow().path("sku").path("capacity").asLong())
        .isEqualTo(2);
  }

  @Test
  void aFailedOperationIsRetriedOnTheSameScaleSet() throws Exception {
    arm.failNextOperations.set(1);
    GroupRef ref =
        session.create(
            spec(pool(cloud, "web", machine("a:b:c:d"), 1), LINEAGE),
            CapacityRequest.of(0, 5, 1),
            "t");
    assertThat(arm.count("createOrUpdate")).isEqualTo(2);
    assertThat(arm.scaleSetCount()).isEqualTo(1);
    assertThat(
            arm.scaleSet(RG, "web")
                .orElseThrow()
                .path("properties")
                .path("provisioningState")
                .asText())
        .isEqualTo("Succeeded");
    assertThat(ref.name()).isEqualTo("web");
  }

  @Test
  void dropsAfterTheRequestTookEffectDoNotDuplicateDeletes() throws Exception {
    GroupRef ref =
        session.create(
            spec(pool(cloud, "web", machine("a:b:c:d"), 4), LINEAGE),
            CapacityRequest.of(0, 9, 4),
            "t");
    await("boot", 5000, () -> arm.instances(RG, "web").size() == 4);
    List<ObservedMachine> ms = session.machines(ref);
    arm.faults.dropRate = 1.0;
    arm.faults.budget = 1;
    arm.faults.only.add("deleteInstances");
    long t0 = System.nanoTime();
    session.terminate(ref, List.of(ms.get(0).id(), ms.get(1).id()), true);
    System.err.println(
        "terminate with a drop took " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    assertThat(arm.count("deleteInstances")).isEqualTo(2);
    assertThat(arm.scaleSet(RG, "web").orElseThrow().path("sku").path("capacity").asLong())
        .isEqualTo(2);
    await("two left", 5000, () -> arm.instances(RG, "web").size() == 2);
  }
}
