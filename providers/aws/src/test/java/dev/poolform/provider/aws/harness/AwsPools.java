package dev.poolform.provider.aws.harness;

import dev.poolform.ir.IrCloud;
import dev.poolform.ir.IrPool;
import dev.poolform.ir.IrRollout;
import dev.poolform.provider.aws.mapping.Tags;
import dev.poolform.runtime.provider.GroupSpec;
import dev.poolform.stdlib.value.ListValue;
import dev.poolform.stdlib.value.MapValue;
import dev.poolform.stdlib.value.SecretValue;
import dev.poolform.stdlib.value.StringValue;
import dev.poolform.stdlib.value.Value;
import dev.poolform.testing.fixtures.Pools;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * AWS pools (a cloud in us-east-1, machines in two zones) built with the shared IR builder, and the
 * group specs the engine would send for them.
 */
public final class AwsPools {
  private AwsPools() {}

  public static final String REGION = "us-east-1";
  public static final String IMAGE_A = "ami-0aaaaaaaaaaaaaaaa";
  public static final String IMAGE_B = "ami-0bbbbbbbbbbbbbbbb";

  public static IrCloud cloud(String endpoint) {
    Map<String, Value> s = new TreeMap<>();
    s.put("region", new StringValue(REGION));
    if (endpoint != null) s.put("endpoint", new StringValue(endpoint));
    return new IrCloud("aws", "main", MapValue.of(s));
  }

  public static MapValue machine(String image, String size) {
    return MapValue.of(
        Map.of(
            "image", new StringValue(image),
            "size", new StringValue(size),
            "zones",
                new ListValue(
                    List.of(new StringValue(REGION + "a"), new StringValue(REGION + "b")))));
  }

  public static MapValue with(MapValue m, String key, Value v) {
    Map<String, Value> e = new TreeMap<>(m.entries());
    e.put(key, v);
    return MapValue.of(e);
  }

  public static IrPool pool(
      String name,
      MapValue machine,
      long min,
      long max,
      OptionalLong desired,
      Map<String, String> labels,
      IrRollout rollout,
      String endpoint) {
    Pools p =
        Pools.pool(name).cloud(cloud(endpoint)).machine(machine).labels(labels).rollout(rollout);
    if (desired.isPresent()) p.capacity(min, max, desired.getAsLong());
    else p.external(min, max);
    return p.build();
  }

  public static IrPool pool(String name, MapValue machine, long desired) {
    return pool(
        name,
        machine,
        0,
        Math.max(1, desired * 2),
        OptionalLong.of(desired),
        Map.of("team", "web"),
        Pools.ONE_AT_A_TIME,
        null);
  }

  /** The spec the engine would send: labels plus address, lineage and the machine's hash. */
  public static GroupSpec spec(IrPool pool, String lineage) {
    String hash = SecretValue.sha256Hex(canonical(pool.machine())).substring(0, 16);
    Map<String, String> tags = new TreeMap<>(pool.labels());
    tags.put(Tags.ADDRESS, pool.address());
    tags.put(Tags.LINEAGE, lineage);
    tags.put(Tags.SPEC_HASH, hash);
    return new GroupSpec(pool, hash, tags);
  }

  private static String canonical(Value v) {
    if (v instanceof MapValue m) {
      StringBuilder sb = new StringBuilder("{");
      m.entries().forEach((k, x) -> sb.append(k).append(':').append(canonical(x)).append(','));
      return sb.append('}').toString();
    }
    return v.toString();
  }
}
