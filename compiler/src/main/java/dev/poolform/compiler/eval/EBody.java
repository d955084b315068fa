package dev.poolform.compiler.eval;

import dev.poolform.source.Span;
import dev.poolform.stdlib.value.MapValue;
import dev.poolform.stdlib.value.Value;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * An evaluated body: attributes with their values and nested blocks, in source order, each with
 * where it was written. Treated as immutable once built (templates share them between pools).
 *
 * @param items by name
 * @param span the body (or, for a merged body, the pool's)
 */
public record EBody(Map<String, Item> items, Span span) {
  public EBody {
    items = Collections.unmodifiableMap(items);
  }

  /** An attribute or a block of an evaluated body. */
  public sealed interface Item permits Attr, Block {
    /** The name as written. */
    Span nameSpan();
  }

  /**
   * {@code name = value}; {@code value} is null when its expression failed (already reported), so
   * the checker neither reports it again nor calls it missing.
   */
  public record Attr(Value value, Span nameSpan, Span valueSpan) implements Item {}

  /** {@code name { body }}. */
  public record Block(EBody body, Span nameSpan) implements Item {}

  public Item get(String name) {
    return items.get(name);
  }

  /**
   * Deep merge: {@code top} over {@code base}. Blocks merge recursively; attributes (including
   * lists and maps) are replaced whole. Neither input changes.
   */
  public static EBody merge(EBody base, EBody top) {
    if (base.items.isEmpty()) return top;
    if (top.items.isEmpty()) return new EBody(base.items, top.span);
    Map<String, Item> out = new LinkedHashMap<>(base.items);
    for (Map.Entry<String, Item> e : top.items.entrySet()) {
      Item under = out.get(e.getKey());
      if (under instanceof Block b && e.getValue() instanceof Block t) {
        out.put(e.getKey(), new Block(merge(b.body(), t.body()), t.nameSpan()));
      } else {
        out.put(e.getKey(), e.getValue());
      }
    }
    return new EBody(out, top.span);
  }

  /** The {@link Value#weight()} of everything in this body, nested blocks included. */
  public long weight() {
    long w = 1;
    for (Item i : items.values()) {
      if (i instanceof Attr a) {
        if (a.value() != null) w = Value.addWeights(w, a.value().weight());
      } else {
        w = Value.addWeights(w, ((Block) i).body().weight());
      }
    }
    return w;
  }

  /** The body as a map value: attributes by value (failed ones left out), blocks as nested maps. */
  public MapValue toMap() {
    TreeMap<String, Value> m = new TreeMap<>();
    for (Map.Entry<String, Item> e : items.entrySet()) {
      if (e.getValue() instanceof Attr a) {
        if (a.value() != null) m.put(e.getKey(), a.value());
      } else {
        m.put(e.getKey(), ((Block) e.getValue()).body().toMap());
      }
    }
    return new MapValue(m);
  }
}
