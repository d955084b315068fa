package dev.poolform.capi;

import dev.poolform.ir.IntOrPercent;
import dev.poolform.ir.IrCapacity;
import dev.poolform.ir.IrCloud;
import dev.poolform.ir.IrHealth;
import dev.poolform.ir.IrOrigin;
import dev.poolform.ir.IrPool;
import dev.poolform.ir.IrRollout;
import dev.poolform.source.SourceFile;
import dev.poolform.source.Span;
import dev.poolform.stdlib.value.BytesValue;
import dev.poolform.stdlib.value.IntValue;
import dev.poolform.stdlib.value.ListValue;
import dev.poolform.stdlib.value.MapValue;
import dev.poolform.stdlib.value.NumberValue;
import dev.poolform.stdlib.value.PercentValue;
import dev.poolform.stdlib.value.StringValue;
import dev.poolform.stdlib.value.Value;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/** IR pools built by hand, for tests that must not depend on the compiler's front end. */
public final class TestPools {
  private TestPools() {}

  public static final SourceFile FILE = SourceFile.of("test.pool", "pool \"x\" on c {}\n");
  public static final Span SPAN = new Span(FILE, 0, 4);

  public static StringValue s(String v) {
    return new StringValue(v);
  }

  public static IntValue i(long v) {
    return new IntValue(v);
  }

  public static PercentValue pct(double v) {
    return new PercentValue(v);
  }

  public static NumberValue num(double v) {
    return new NumberValue(v);
  }

  public static BytesValue gib(long n) {
    return new BytesValue(n << 30);
  }

  public static ListValue list(String... items) {
    return new ListValue(Arrays.stream(items).<Value>map(StringValue::new).toList());
  }

  /** {@code map("k", v, "k2", v2)}. */
  public static MapValue map(Object... kv) {
    Map<String, Value> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      Object v = kv[i + 1];
      m.put((String) kv[i], v instanceof String str ? new StringValue(str) : (Value) v);
    }
    return MapValue.of(m);
  }

  public static Builder aws(String name) {
    return new Builder(name, new IrCloud("aws", "prod", map("region", "eu-west-1")))
        .machine(
            map(
                "size",
                "m6i.large",
                "image",
                "ami-0abcdef1234567890",
                "subnets",
                list("subnet-a", "subnet-b")));
  }

  public static Builder azure(String name) {
    return new Builder(
            name,
            new IrCloud(
                "azure",
                "weu",
                map("subscription", "sub", "resource_group", "rg", "location", "westeurope")))
        .machine(
            map(
                "size",
                "Standard_D4s_v5",
                "image",
                "Canonical:ubuntu-24_04-lts:server:latest",
                "orchestration",
                "flexible"));
  }

  public static final class Builder {
    private final String name;
    private IrCloud cloud;
    private IrCapacity capacity = new IrCapacity(1, 10, OptionalLong.of(3));
    private MapValue machine = MapValue.EMPTY;
    private IrRollout rollout = IrRollout.DEFAULT;
    private IrHealth health = IrHealth.NONE;
    private Map<String, String> labels = new TreeMap<>();
    private Optional<MapValue> capi = Optional.of(map("cluster", "prod-eu", "version", "v1.31.2"));
    private final Map<String, Span> origin = new TreeMap<>();

    Builder(String name, IrCloud cloud) {
      this.name = name;
      this.cloud = cloud;
    }

    public Builder cloud(IrCloud c) {
      this.cloud = c;
      return this;
    }

    public Builder capacity(long min, long max, Long desired) {
      this.capacity =
          new IrCapacity(
              min, max, desired == null ? OptionalLong.empty() : OptionalLong.of(desired));
      return this;
    }

    public Builder machine(MapValue m) {
      this.machine = m;
      return this;
    }

    /** Adds or replaces machine attributes. */
    public Builder with(Object... kv) {
      Map<String, Value> m = new TreeMap<>(machine.entries());
      m.putAll(map(kv).entries());
      this.machine = MapValue.of(m);
      return this;
    }

    public Builder rollout(IrRollout r) {
      this.rollout = r;
      return this;
    }

    public Builder rollout(
        IntOrPercent surge,
        IntOrPercent unavailable,
        Duration minReady,
        IrRollout.DeleteOrder order) {
      IrRollout d = IrRollout.DEFAULT;
      this.rollout =
          new IrRollout(
              surge,
              unavailable,
              minReady,
              d.pause(),
              order,
              d.timeout(),
              d.autoRollback(),
              d.engine());
      return this;
    }

    public Builder health(Duration grace, IntOrPercent maxUnhealthy, IrHealth.Repair repair) {
      this.health = new IrHealth(grace, maxUnhealthy, repair);
      return this;
    }

    public Builder label(String k, String v) {
      labels.put(k, v);
      return this;
    }

    public Builder capi(MapValue c) {
      this.capi = Optional.ofNullable(c);
      return this;
    }

    /** Marks an attribute as written in the source (for "explicitly set" warnings). */
    public Builder written(String path) {
      origin.put(path, SPAN);
      return this;
    }

    public IrPool build() {
      return new IrPool(
          IrPool.addressOf(name),
          name,
          cloud,
          capacity,
          machine,
          rollout,
          health,
          new TreeMap<>(labels),
          List.of(),
          capi,
          new IrOrigin(SPAN, origin));
    }
  }
}
