package dev.poolform.provider.aws.harness;

import dev.poolform.ir.IrCapacity;
import dev.poolform.ir.IrCloud;
import dev.poolform.ir.IrHealth;
import dev.poolform.ir.IrOrigin;
import dev.poolform.ir.IrPool;
import dev.poolform.ir.IrRollout;
import dev.poolform.provider.aws.mapping.Tags;
import dev.poolform.runtime.provider.GroupSpec;
import dev.poolform.source.SourceFile;
import dev.poolform.source.Span;
import dev.poolform.stdlib.value.ListValue;
import dev.poolform.stdlib.value.MapValue;
import dev.poolform.stdlib.value.SecretValue;
import dev.poolform.stdlib.value.StringValue;
import dev.poolform.stdlib.value.Value;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/** Builds IR pools and group specs the way the compiler and engine would. */
public final class Pools {
  private Pools() {}

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
    SourceFile f = SourceFile.of("test.pool", "pool " + name + " {}\n");
    return new IrPool(
        IrPool.addressOf(name),
        name,
        cloud(endpoint),
        new IrCapacity(min, max, desired),
        machine,
        rollout,
        IrHealth.NONE,
        new TreeMap<>(labels),
        List.of(),
        Optional.empty(),
        new IrOrigin(new Span(f, 0, 4), Map.of()));
  }

  public static IrPool pool(String name, MapValue machine, long desired) {
    return pool(
        name,
        machine,
        0,
        Math.max(1, desired * 2),
        OptionalLong.of(desired),
        Map.of("team", "web"),
        IrRollout.DEFAULT,
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
