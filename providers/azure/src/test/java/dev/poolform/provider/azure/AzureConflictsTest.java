package dev.poolform.provider.azure;

import static dev.poolform.provider.azure.AzureTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poolform.ir.IrPool;
import dev.poolform.provider.azure.connect.AzureSettings;
import dev.poolform.provider.azure.errors.ArmErrors;
import dev.poolform.runtime.provider.CapacityRequest;
import dev.poolform.runtime.provider.CloudSession;
import dev.poolform.runtime.provider.GroupRef;
import dev.poolform.runtime.provider.ProviderException;
import dev.poolform.runtime.provider.ProviderException.Kind;
import dev.poolform.stdlib.value.BytesValue;
import dev.poolform.stdlib.value.MapValue;
import dev.poolform.stdlib.value.StringValue;
import dev.poolform.stdlib.value.Value;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A 409 is not always "busy, try again": quotas, property-change refusals, a disk smaller than the
 * image and model limits are 409s too, and are final. Those are reported at once, at the attribute
 * to change, after a single call; only the busy kind is retried (AzureFaultsIT).
 */
class AzureConflictsTest extends EmulatorTest {
  static final String UBUNTU = "Canonical:ubuntu-24_04-lts:server:latest";

  @Override
  String lineage() {
    return "lineage-conflicts";
  }

  @Override
  long bootMillis() {
    return 20;
  }

  private GroupRef create(IrPool pool) throws ProviderException {
    long desired = pool.capacity().desired().orElse(0);
    return session.create(
        spec(pool, lineage()), CapacityRequest.of(0, pool.capacity().max(), desired), "t");
  }

  /** The call fails at once with this kind and attribute, after exactly one request of its kind. */
  private void finalAtOnce(
      String operation, Kind kind, String attribute, ThrowingCall call, Consumer<String> message) {
    int before = arm.count(operation);
    long t0 = System.nanoTime();
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(kind);
              assertThat(e.attribute()).contains(attribute);
              message.accept(e.getMessage());
            });
    assertThat(arm.count(operation) - before).as("requests of " + operation).isEqualTo(1);
    // Well inside the 30 s retry deadline of these tests: not retried until it ran out.
    assertThat((System.nanoTime() - t0) / 1_000_000).as("ms until the error").isLessThan(20_000);
  }

  interface ThrowingCall {
    void run() throws Exception;
  }

  @Test
  void aQuotaIsReportedAtTheSizeAtOnce() {
    arm.regionalCoreQuota = 4;
    finalAtOnce(
        "createOrUpdate",
        Kind.OTHER,
        "machine.size",
        () -> create(pool(cloud, "web", machine(UBUNTU), 3)),
        msg -> assertThat(msg).contains("exceeding approved Total Regional Cores quota"));
  }

  @Test
  void aDiskSmallerThanTheImageIsReportedAtTheDiskSize() {
    Map<String, Value> m = machine(UBUNTU);
    m.put("disk", MapValue.of(Map.of("size", new BytesValue(20L << 30))));
    finalAtOnce(
        "createOrUpdate",
        Kind.INVALID_VALUE,
        "machine.disk.size",
        () -> create(pool(cloud, "web", m, 1)),
        msg -> assertThat(msg).contains("smaller than the size of the corresponding disk"));
  }

  @Test
  void aPropertyChangeRefusalIsReportedAtTheProperty() throws Exception {
    Map<String, Value> m = machine(UBUNTU);
    m.put("disk", MapValue.of(Map.of("type", new StringValue("Premium_LRS"))));
    GroupRef ref = create(pool(cloud, "web", m, 1));
    m.put("disk", MapValue.of(Map.of("type", new StringValue("Standard_LRS"))));
    finalAtOnce(
        "update",
        Kind.INVALID_VALUE,
        "machine.disk.type",
        () -> session.updateModel(ref, spec(pool(cloud, "web", m, 1), lineage())),
        msg -> assertThat(msg).contains("PropertyChangeNotAllowed"));
  }

  @Test
  void aUniformScaleSetAtItsModelLimitSaysHowToGetUnderIt() throws Exception {
    Map<String, Value> m = machine(UBUNTU);
    m.put("orchestration", new StringValue("uniform"));
    GroupRef ref = create(pool(cloud, "web", m, 1));
    for (int v = 2; v <= 10; v++) {
      m.put("image", new StringValue("Canonical:ubuntu-24_04-lts:server:1.0." + v));
      session.updateModel(ref, spec(pool(cloud, "web", m, 1), lineage()));
      session.setCapacity(ref, CapacityRequest.of(0, 20, v));
    }
    m.put("image", new StringValue("Canonical:ubuntu-24_04-lts:server:1.0.11"));
    finalAtOnce(
        "update",
        Kind.OTHER,
        "machine",
        () -> session.updateModel(ref, spec(pool(cloud, "web", m, 1), lineage())),
        msg -> assertThat(msg).contains("limit of 10 models").contains("let the pool's rollout"));
  }

  @Test
  void onlyBusyConflictsAndThrottlingAreWorthRetrying() {
    assertThat(
            ArmErrors.kindOf(
                409, "Conflict", "The request failed due to conflict with a concurrent request."))
        .isEqualTo(Kind.CONFLICT);
    assertThat(
            ArmErrors.kindOf(
                409,
                "OperationNotAllowed",
                "Operation 'write' is not allowed on VM scale set 'web' since another operation is in progress."))
        .isEqualTo(Kind.CONFLICT);
    assertThat(
            ArmErrors.kindOf(
                409, "PropertyChangeNotAllowed", "Changing property 'x' is not allowed."))
        .isEqualTo(Kind.INVALID_VALUE);
    assertThat(
            ArmErrors.kindOf(
                409,
                "OperationNotAllowed",
                "Operation could not be completed as it results in exceeding approved standardDSv5Family Cores quota."))
        .isEqualTo(Kind.OTHER);
    // Compute's throttling answer carries OperationNotAllowed too: the status decides.
    assertThat(
            ArmErrors.kindOf(
                429,
                "OperationNotAllowed",
                "The server rejected the request because too many requests have been received for this subscription."))
        .isEqualTo(Kind.TRANSIENT);
  }

  /**
   * A plan refuses the creates its apply would refuse: a new pool whose scale set name another
   * configuration's scale set (or one no configuration owns) holds. It answers from the resource
   * group's listing its refresh made: no call of its own.
   */
  @Test
  void aPlanRefusesANameAnotherConfigurationHoldsFromItsRefreshsListing() throws Exception {
    try (CloudSession other = AzureTestSupport.connect(arm, "lineage-other")) {
      other.create(
          spec(pool(cloud, "theirs", machine(UBUNTU), 0), "lineage-other"),
          CapacityRequest.of(0, 2, 0),
          "t");
    }
    GroupRef mine = create(pool(cloud, "mine", machine(UBUNTU), 0));
    Map<String, String> env = new java.util.HashMap<>(AzureTestSupport.env());
    env.put(AzureSettings.READ_TICK_ENV, "60000"); // a plan's refresh and its refusals: one tick
    Map<String, ProviderException> refused;
    try (CloudSession planning = AzureTestSupport.connect(cloud, lineage(), env)) {
      planning.findOwned(lineage());
      int lists = arm.count("listByResourceGroup");
      int gets = arm.count("get");
      refused =
          planning.createRefusals(
              Map.of("pool.theirs", "theirs", "pool.mine", "mine", "pool.free", "free"), lineage());
      assertThat(arm.count("listByResourceGroup")).isEqualTo(lists);
      assertThat(arm.count("get")).isEqualTo(gets);
    }

    assertThat(refused).containsOnlyKeys("pool.theirs");
    ProviderException e = refused.get("pool.theirs");
    assertThat(e.attribute()).contains("name");
    assertThat(e.getMessage())
        .contains("A scale set named `theirs` already exists in resource group")
        .contains("belongs to `pool.theirs` of another configuration")
        .contains("(`pool state rm pool.theirs`), then `pool import pool.theirs /subscriptions/");
    // The error is the create's own, and the create leaves the other configuration's scale set be.
    assertThatThrownBy(() -> create(pool(cloud, "theirs", machine(UBUNTU), 1)))
        .isInstanceOf(ProviderException.class)
        .hasMessage(e.getMessage());
    try (CloudSession other = AzureTestSupport.connect(arm, "lineage-other")) {
      assertThat(other.findOwned("lineage-other"))
          .singleElement()
          .satisfies(g -> assertThat(g.desired()).isZero());
    }
    // Another pool of this configuration holding the name is refused too (never retagged).
    assertThat(session.createRefusals(Map.of("pool.renamed", "mine"), lineage()))
        .containsOnlyKeys("pool.renamed");
    assertThat(mine.name()).isEqualTo("mine");
  }
}
