package dev.poolform.capi.importer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A block of the {@code .pool} file being written: attributes (already rendered as source text, see
 * {@link Lit}) and nested blocks, in the order they will be printed.
 */
final class Block {
  private final Map<String, Object> items = new LinkedHashMap<>();

  /** Printed even when empty: {@code spot {}} means "spot, with defaults". */
  private boolean keep;

  Block keep() {
    keep = true;
    return this;
  }

  Block attr(String key, String source) {
    items.put(key, source);
    return this;
  }

  Block block(String key) {
    Object existing = items.get(key);
    if (existing instanceof Block b) return b;
    Block b = new Block();
    items.put(key, b);
    return b;
  }

  /** Puts the named items first, in this order (the order a person would write them). */
  Block reorder(java.util.List<String> order) {
    Map<String, Object> copy = new LinkedHashMap<>();
    for (String k : order) if (items.containsKey(k)) copy.put(k, items.get(k));
    items.forEach(copy::putIfAbsent);
    items.clear();
    items.putAll(copy);
    return this;
  }

  boolean isEmpty() {
    return !keep && items.values().stream().allMatch(v -> v instanceof Block b && b.isEmpty());
  }

  Map<String, Object> items() {
    return items;
  }

  /** Prints the items at {@code indent} spaces, skipping empty blocks. */
  void print(StringBuilder sb, int indent) {
    String pad = " ".repeat(indent);
    for (var e : items.entrySet()) {
      if (e.getValue() instanceof Block b) {
        if (b.isEmpty()) continue;
        if (b.items.values().stream().allMatch(v -> v instanceof Block x && x.isEmpty())) {
          sb.append(pad).append(e.getKey()).append(" {}\n");
          continue;
        }
        sb.append(pad).append(e.getKey()).append(" {\n");
        b.print(sb, indent + 2);
        sb.append(pad).append("}\n");
      } else {
        String value = ((String) e.getValue()).replace("\n", "\n" + pad);
        sb.append(pad).append(e.getKey()).append(" = ").append(value).append('\n');
      }
    }
  }
}
