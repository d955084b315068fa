package dev.poolform.provider.azure;

import static dev.poolform.provider.azure.AzureTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.runtime.provider.CapacityRequest;
import dev.poolform.runtime.provider.GroupRef;
import dev.poolform.runtime.provider.Observation;
import dev.poolform.runtime.provider.ObservedMachine;
import dev.poolform.runtime.provider.ProviderException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Writes whose end the shared poller's look sees: a PATCH or an instance delete returns once ARM
 * accepted it, and its operation is read only when a look shows the scale set {@code Failed} (or
 * when the session closes with it unseen).
 */
class AzurePendingWritesTest extends EmulatorTest {
  static final String LINEAGE = "0c7f4d3e-pending";

  @Override
  String lineage() {
    return LINEAGE;
  }

  @Override
  long bootMillis() {
    return 50;
  }

  @BeforeEach
  void quickOperations() {
    // Operations end on their own soon after they start, as ARM's do whether polled or not.
    arm.operationMillis = 100;
  }

  private GroupRef created() throws Exception {
    GroupRef ref =
        session.create(
            spec(pool(cloud, "web", machine("a:b:c:d"), 2), LINEAGE),
            CapacityRequest.of(0, 5, 2),
            "t");
    await("two machines", 5000, () -> arm.instances(RG, "web").size() == 2);
    return ref;
  }

  /** A look once the operations have had time to end (the emulator's clock ends them). */
  private Observation lookLater(GroupRef ref) throws Exception {
    Thread.sleep(400);
    return session.observe(List.of(ref), List.of(ref));
  }

  @Test
  void writesWhoseEndTheNextLookShowsAreNeverPolled() throws Exception {
    GroupRef ref = created();
    arm.resetCounts();
    session.setCapacity(ref, CapacityRequest.of(0, 5, 3));
    assertThat(arm.count("update")).isEqualTo(1);
    assertThat(arm.count("operationStatus")).isZero();
    Observation look = lookLater(ref);
    assertThat(look.failures()).isEmpty();
    List<ObservedMachine> machines = look.machines().get(ref.cloudId());
    session.terminate(ref, List.of(machines.get(0).id()), true);
    assertThat(arm.count("deleteInstances")).isEqualTo(1);
    Thread.sleep(200); // the deleted machine goes (deleteMillis)
    assertThat(lookLater(ref).failures()).isEmpty();
    // Both writes were seen to end by the looks: closing has nothing left to wait for.
    session.close();
    assertThat(arm.count("operationStatus")).isZero();
    assertThat(arm.scaleSet(RG, "web").orElseThrow().path("sku").path("capacity").asLong())
        .isEqualTo(2);
  }

  @Test
  void aWriteThatFailsInItsOperationIsReportedAtTheSourceAttributeByTheNextLook() throws Exception {
    GroupRef ref = created();
    arm.resetCounts();
    arm.failNextOperationWith.set(
        new String[] {
          "OperationNotAllowed",
          "Operation could not be completed as it results in exceeding approved standardDSv3Family"
              + " Cores quota. Additional details - Deployment Model: Resource Manager, Location:"
              + " westus, Current Limit: 10, Current Usage: 8, Additional Required: 4."
        });
    // ARM accepted the write: it returns, and the failure comes with its operation.
    session.setCapacity(ref, CapacityRequest.of(0, 5, 4));
    Observation look = lookLater(ref);
    ProviderException failure = look.failures().get(ref.cloudId());
    assertThat(failure).isNotNull();
    assertThat(failure.attribute()).as(failure.getMessage()).contains("machine.size");
    assertThat(failure.cloudCode()).contains("OperationNotAllowed");
    assertThat(failure.getMessage()).contains("scale set web").contains("exceeding approved");
    // One read of the write's operation, when the listing showed the scale set Failed.
    assertThat(arm.count("operationStatus")).isEqualTo(1);
    // The failure stays reported until the pool is written to again.
    assertThat(lookLater(ref).failures()).containsKey(ref.cloudId());
    session.setCapacity(ref, CapacityRequest.of(0, 5, 2));
    assertThat(lookLater(ref).failures()).isEmpty();
  }

  @Test
  void aRetryableFailureOfAnOperationIsSentAgain() throws Exception {
    GroupRef ref = created();
    arm.resetCounts();
    arm.failNextOperations.set(1);
    session.setCapacity(ref, CapacityRequest.of(0, 5, 3));
    assertThat(arm.count("update")).isEqualTo(1);
    // The look sees the scale set Failed, reads the operation (an internal error: retryable) and
    // sends the PATCH again; the look after it sees that one end.
    assertThat(lookLater(ref).failures()).isEmpty();
    assertThat(arm.count("update")).isEqualTo(2);
    assertThat(lookLater(ref).failures()).isEmpty();
    await("three machines", 5000, () -> arm.instances(RG, "web").size() == 3);
    session.close();
    assertThat(arm.count("operationStatus")).isEqualTo(1);
  }

  @Test
  void closingWaitsForWritesNoLookSawEnd() throws Exception {
    GroupRef ref = created();
    arm.operationMillis = 60_000;
    arm.resetCounts();
    session.setCapacity(ref, CapacityRequest.of(0, 5, 3));
    assertThat(arm.count("operationStatus")).isZero();
    // No look: closing polls the operation to its end (the emulator's one InProgress, then done).
    session.close();
    assertThat(arm.count("operationStatus")).isEqualTo(2);
  }
}
