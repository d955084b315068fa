package dev.poolform.compiler.lower;

import dev.poolform.compiler.eval.EBody;
import dev.poolform.compiler.eval.EvaluatedCloud;
import dev.poolform.compiler.eval.Evaluation;
import dev.poolform.compiler.eval.PoolInstance;
import dev.poolform.compiler.inputs.InputValues;
import dev.poolform.ir.IrBackend;
import dev.poolform.ir.IrCapacity;
import dev.poolform.ir.IrCloud;
import dev.poolform.ir.IrConfig;
import dev.poolform.ir.IrHealth;
import dev.poolform.ir.IrMove;
import dev.poolform.ir.IrOrigin;
import dev.poolform.ir.IrPool;
import dev.poolform.ir.IrRollout;
import dev.poolform.ir.IrVariable;
import dev.poolform.source.Span;
import dev.poolform.stdlib.schema.AttrSchema;
import dev.poolform.stdlib.schema.BlockSchema;
import dev.poolform.stdlib.schema.Schemas;
import dev.poolform.stdlib.value.ListValue;
import dev.poolform.stdlib.value.MapValue;
import dev.poolform.stdlib.value.SecretValue;
import dev.poolform.stdlib.value.StringValue;
import dev.poolform.stdlib.value.Value;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds the IR from checked pools: defaults filled (rollout, health, desired, schema defaults of
 * the machine block), sensitive attributes made secret, pools sorted by address, and the source
 * span of every attribute path recorded. Runs only when checking found no errors.
 */
public final class IrBuilder {
  private IrBuilder() {}

  public static IrConfig build(Evaluation ev) {
    return build(ev, List.of(), Optional.empty());
  }

  /**
   * The IR with the renames {@link dev.poolform.compiler.check.Moves} checked and the {@code state}
   * block {@link dev.poolform.compiler.check.StateBlocks} checked.
   */
  public static IrConfig build(Evaluation ev, List<IrMove> moves, Optional<IrBackend> backend) {
    Map<String, PoolInstance> byName = new HashMap<>();
    for (PoolInstance p : ev.pools()) byName.putIfAbsent(p.name(), p);
    List<IrPool> pools = new ArrayList<>(ev.pools().size());
    Map<String, Map<String, Span>> clouds = new HashMap<>();
    for (EvaluatedCloud c : ev.clouds()) {
      Map<String, Span> spans = new HashMap<>();
      spans.put("", c.decl().name().span());
      for (Map.Entry<String, EBody.Item> e : c.body().items().entrySet()) {
        if (e.getValue() instanceof EBody.Attr a) spans.put(e.getKey(), a.valueSpan());
      }
      clouds.putIfAbsent(c.decl().name().name(), spans);
    }
    for (PoolInstance p : ev.pools()) {
      pools.add(pool(p, byName, clouds.getOrDefault(p.cloud().name(), Map.of())));
    }
    pools.sort(BY_ADDRESS);
    return new IrConfig(IrConfig.VERSION, pools, variables(ev.inputs()), moves, backend);
  }

  /**
   * Pools by address. A class rather than {@code Comparator.comparing(IrPool::address)}, like the
   * plain {@code if}s below: every compilation builds the IR, and the first lambda linked costs a
   * cold {@code pool validate} the set-up of {@code java.lang.invoke}
   * (docs/BENCHMARKS.md#cold-start).
   */
  private static final Comparator<IrPool> BY_ADDRESS = new ByAddress();

  private static final class ByAddress implements Comparator<IrPool> {
    @Override
    public int compare(IrPool a, IrPool b) {
      return a.address().compareTo(b.address());
    }
  }

  /** Each variable's value and where it was set, by name; a sensitive one's value left out. */
  static List<IrVariable> variables(InputValues inputs) {
    List<IrVariable> out = new ArrayList<>();
    for (InputValues.Bound b : new TreeMap<>(inputs.values()).values()) {
      boolean sensitive = b.variable().sensitive();
      out.add(
          new IrVariable(
              b.variable().name(),
              sensitive ? Optional.empty() : Optional.of(b.value()),
              sensitive,
              b.source()));
    }
    return out;
  }

  static IrPool pool(
      PoolInstance p, Map<String, PoolInstance> byName, Map<String, Span> cloudSpans) {
    EBody body = p.body();
    String kind = p.cloud().kind();
    IrCloud cloud = new IrCloud(kind, p.cloud().name(), p.cloud().settings());
    IrCapacity capacity = IrCapacity.of(map(block(body, "capacity")));

    BlockSchema machineSchema = Schemas.machine(kind).orElse(Schemas.LOCAL_MACHINE);
    MapValue machine = withDefaults(block(body, "machine"), machineSchema);

    IrRollout rollout = IrRollout.of(map(block(body, "rollout")));
    EBody h = block(body, "health");
    IrHealth health = h == null ? IrHealth.NONE : IrHealth.of(h.toMap());

    TreeMap<String, String> labels = new TreeMap<>();
    if (value(body, "labels") instanceof MapValue m) {
      for (Map.Entry<String, Value> e : m.entries().entrySet()) {
        if (e.getValue() instanceof StringValue s) labels.put(e.getKey(), s.value());
      }
    }
    TreeSet<String> after = new TreeSet<>();
    if (value(body, "after") instanceof ListValue l) {
      for (Value v : l.items()) {
        if (v instanceof StringValue s) {
          PoolInstance t = dev.poolform.compiler.check.PoolGraph.target(byName, s.value());
          after.add(IrPool.addressOf(t != null ? t.name() : s.value()));
        }
      }
    }
    EBody capiBlock = block(body, "capi");
    Optional<MapValue> capi = capiBlock == null ? Optional.empty() : Optional.of(capiBlock.toMap());

    Map<String, Span> spans = new HashMap<>();
    spans.put("name", p.nameSpan());
    spans.put("cloud", p.onSpan());
    origins(body, "", spans);
    return new IrPool(
        IrPool.addressOf(p.name()),
        p.name(),
        cloud,
        capacity,
        machine,
        rollout,
        health,
        labels,
        new ArrayList<>(after),
        capi,
        new IrOrigin(p.nameSpan(), spans, cloudSpans));
  }

  /**
   * The block as a map with the schema's defaults filled; the value of a sensitive attribute
   * ({@code user_data}) becomes a secret.
   */
  private static MapValue withDefaults(EBody b, BlockSchema schema) {
    TreeMap<String, Value> out = new TreeMap<>();
    if (b != null) {
      for (Map.Entry<String, EBody.Item> e : b.items().entrySet()) {
        if (e.getValue() instanceof EBody.Attr a) {
          Value v = a.value();
          if (v == null || v == dev.poolform.stdlib.value.NullValue.INSTANCE) continue;
          Optional<AttrSchema> as = schema.attribute(e.getKey());
          boolean sensitive = as.isPresent() && as.get().sensitive();
          if (sensitive && v instanceof StringValue s) v = new SecretValue(s.value());
          out.put(e.getKey(), v);
        } else {
          EBody.Block bl = (EBody.Block) e.getValue();
          BlockSchema nested = schema.block(e.getKey()).orElse(null);
          out.put(e.getKey(), nested == null ? bl.body().toMap() : withDefaults(bl.body(), nested));
        }
      }
    }
    for (AttrSchema a : schema.attributes().values()) {
      if (a.defaultValue().isPresent() && !out.containsKey(a.name()))
        out.put(a.name(), a.defaultValue().get());
    }
    return new MapValue(out);
  }

  private static void origins(EBody b, String path, Map<String, Span> spans) {
    for (Map.Entry<String, EBody.Item> e : b.items().entrySet()) {
      String full = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
      if (e.getValue() instanceof EBody.Attr a) {
        spans.put(full, a.valueSpan());
      } else {
        EBody.Block bl = (EBody.Block) e.getValue();
        spans.put(full, bl.nameSpan());
        origins(bl.body(), full, spans);
      }
    }
  }

  /** The block's attributes and nested blocks as a map; empty when the block is absent. */
  private static MapValue map(EBody b) {
    return b == null ? MapValue.EMPTY : b.toMap();
  }

  private static EBody block(EBody b, String n) {
    if (b == null) return null;
    return b.get(n) instanceof EBody.Block bl ? bl.body() : null;
  }

  private static Value value(EBody b, String n) {
    if (b == null) return null;
    return b.get(n) instanceof EBody.Attr a ? a.value() : null;
  }
}
