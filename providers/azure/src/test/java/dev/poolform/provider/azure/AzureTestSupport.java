package dev.poolform.provider.azure;

import dev.poolform.ir.IrCloud;
import dev.poolform.ir.IrPool;
import dev.poolform.ir.IrRollout;
import dev.poolform.provider.azure.connect.AzureConnection;
import dev.poolform.provider.azure.connect.AzureSettings;
import dev.poolform.runtime.provider.CloudSession;
import dev.poolform.runtime.provider.CloudTarget;
import dev.poolform.runtime.provider.GroupSpec;
import dev.poolform.runtime.provider.ProviderContext;
import dev.poolform.runtime.provider.ProviderException;
import dev.poolform.stdlib.value.MapValue;
import dev.poolform.stdlib.value.SecretValue;
import dev.poolform.stdlib.value.StringValue;
import dev.poolform.stdlib.value.Value;
import dev.poolform.testing.arm.ArmEmulator;
import dev.poolform.testing.fixtures.Pools;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * Azure clouds, machines and pools (built with the shared IR builder) and sessions against an
 * {@link ArmEmulator}, for the provider tests.
 */
final class AzureTestSupport {
  static final String TOKEN = "emulator-token";
  static final String SUB = "00000000-0000-0000-0000-0000000000aa";
  static final String RG = "rg-pools";

  private AzureTestSupport() {}

  static Map<String, Value> settings(ArmEmulator arm) {
    Map<String, Value> m = new HashMap<>();
    m.put("subscription", new StringValue(SUB));
    m.put("resource_group", new StringValue(RG));
    m.put("location", new StringValue("westeurope"));
    m.put("endpoint", new StringValue(arm.endpoint()));
    return m;
  }

  static IrCloud cloud(ArmEmulator arm) {
    return new IrCloud("azure", "az", MapValue.of(settings(arm)));
  }

  static Map<String, String> env() {
    return Map.of(
        AzureConnection.TEST_TOKEN_ENV,
        TOKEN,
        AzureSettings.RETRY_DEADLINE_ENV,
        "30",
        AzureConnection.POLL_ENV,
        "20",
        AzureSettings.READ_TICK_ENV,
        "20");
  }

  static CloudSession connect(ArmEmulator arm, String lineage) throws ProviderException {
    return connect(cloud(arm), lineage, env());
  }

  static CloudSession connect(IrCloud cloud, String lineage, Map<String, String> env)
      throws ProviderException {
    return new AzureProvider()
        .connect(
            new CloudTarget(cloud, lineage),
            new ProviderContext(Path.of("."), env, Clock.systemUTC()));
  }

  /** A subnet of the pools' virtual network (ARM needs one for every scale set). */
  static final String SUBNET =
      "/subscriptions/"
          + SUB
          + "/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/v/subnets/s";

  static Map<String, Value> machine(String image) {
    Map<String, Value> m = new TreeMap<>();
    m.put("size", new StringValue("Standard_D2s_v5"));
    m.put("image", new StringValue(image));
    m.put("orchestration", new StringValue("flexible"));
    m.put("subnet", new StringValue(SUBNET));
    return m;
  }

  static IrPool pool(
      IrCloud cloud,
      String name,
      Map<String, Value> machine,
      long min,
      long max,
      OptionalLong desired,
      IrRollout rollout,
      Map<String, String> labels) {
    Pools p =
        Pools.pool(name).cloud(cloud).machine(MapValue.of(machine)).rollout(rollout).labels(labels);
    if (desired.isPresent()) p.capacity(min, max, desired.getAsLong());
    else p.external(min, max);
    return p.build();
  }

  static IrPool pool(IrCloud cloud, String name, Map<String, Value> machine, long desired) {
    return pool(
        cloud,
        name,
        machine,
        0,
        Math.max(10, desired),
        OptionalLong.of(desired),
        Pools.ONE_AT_A_TIME,
        Map.of("team", "web"));
  }

  static String specHash(IrPool pool) {
    return SecretValue.sha256Hex(pool.machine().toString()).substring(0, 16);
  }

  static GroupSpec spec(IrPool pool, String lineage) {
    Map<String, String> tags = new TreeMap<>(pool.labels());
    tags.put("poolform:address", pool.address());
    tags.put("poolform:lineage", lineage);
    tags.put("poolform:spec-hash", specHash(pool));
    return new GroupSpec(pool, specHash(pool), tags);
  }

  static void await(String what, long timeoutMillis, BooleanSupplier condition)
      throws InterruptedException {
    long end = System.currentTimeMillis() + timeoutMillis;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > end)
        throw new AssertionError("timed out waiting for " + what);
      Thread.sleep(20);
    }
  }

  static MapValue map(Map<String, Value> m) {
    return MapValue.of(m);
  }

  static Value secret(String s) {
    return new SecretValue(s);
  }
}
