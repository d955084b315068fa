package dev.poolform.runtime.testing;

import dev.poolform.ir.IntOrPercent;
import dev.poolform.ir.IrCapacity;
import dev.poolform.ir.IrCloud;
import dev.poolform.ir.IrConfig;
import dev.poolform.ir.IrHealth;
import dev.poolform.ir.IrOrigin;
import dev.poolform.ir.IrPool;
import dev.poolform.ir.IrRollout;
import dev.poolform.source.SourceFile;
import dev.poolform.source.Span;
import dev.poolform.stdlib.value.MapValue;
import dev.poolform.stdlib.value.SecretValue;
import dev.poolform.stdlib.value.StringValue;
import dev.poolform.stdlib.value.Value;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/** Builds IR pools by hand for runtime tests. */
public final class Pools {
  public static final IrCloud SIM = new IrCloud("sim", "test", MapValue.EMPTY);
  private static final Span SPAN =
      new Span(SourceFile.of("test.pool", "pool \"x\" on test {}\n"), 0, 4);

  private String name;
  private IrCloud cloud = SIM;
  private long min = 0;
  private long max = 10;
  private OptionalLong desired = OptionalLong.of(2);
  private final TreeMap<String, Value> machine = new TreeMap<>();
  private IrRollout rollout =
      new IrRollout(
          IntOrPercent.count(1),
          IntOrPercent.count(0),
          Duration.ZERO,
          Duration.ZERO,
          IrRollout.DeleteOrder.OLDEST,
          Duration.ofMinutes(30),
          false,
          IrRollout.Engine.POOLFORM);
  private IrHealth health = IrHealth.NONE;
  private final TreeMap<String, String> labels = new TreeMap<>();
  private final List<String> after = new ArrayList<>();

  private Pools(String name) {
    this.name = name;
    machine.put("size", new StringValue("small"));
    machine.put("image", new StringValue("img-1"));
  }

  public static Pools pool(String name) {
    return new Pools(name);
  }

  public Pools cloud(IrCloud c) {
    cloud = c;
    return this;
  }

  public Pools capacity(long min, long max, long desired) {
    this.min = min;
    this.max = max;
    this.desired = OptionalLong.of(desired);
    return this;
  }

  public Pools external(long min, long max) {
    this.min = min;
    this.max = max;
    this.desired = OptionalLong.empty();
    return this;
  }

  public Pools image(String image) {
    machine.put("image", new StringValue(image));
    return this;
  }

  public Pools machine(String key, Value v) {
    machine.put(key, v);
    return this;
  }

  public Pools userData(String secret) {
    machine.put("user_data", new SecretValue(secret));
    return this;
  }

  public Pools label(String k, String v) {
    labels.put(k, v);
    return this;
  }

  public Pools after(String... addresses) {
    after.addAll(List.of(addresses));
    return this;
  }

  public Pools rollout(IrRollout r) {
    rollout = r;
    return this;
  }

  public Pools rollout(IntOrPercent surge, IntOrPercent unavailable) {
    rollout =
        new IrRollout(
            surge,
            unavailable,
            rollout.minReady(),
            rollout.pause(),
            rollout.deleteOrder(),
            rollout.timeout(),
            rollout.autoRollback(),
            rollout.engine());
    return this;
  }

  public Pools health(IrHealth h) {
    health = h;
    return this;
  }

  public IrPool build() {
    return new IrPool(
        IrPool.addressOf(name),
        name,
        cloud,
        new IrCapacity(min, max, desired),
        MapValue.of(machine),
        rollout,
        health,
        labels,
        after,
        Optional.empty(),
        new IrOrigin(SPAN, Map.of()));
  }

  public static IrConfig config(IrPool... pools) {
    List<IrPool> l = new ArrayList<>(List.of(pools));
    l.sort(java.util.Comparator.comparing(IrPool::address));
    return new IrConfig(IrConfig.VERSION, l);
  }
}
