package dev.poolform.stdlib.value;

import java.util.List;

/**
 * An immutable list. A class rather than a record so that it can carry its {@link #weight()},
 * summed once when it is built (equality and hashing are still by the items alone).
 */
public final class ListValue implements Value {
  public static final ListValue EMPTY = new ListValue(List.of());

  private final List<Value> items;
  private final long weight;

  public ListValue(List<Value> items) {
    this.items = List.copyOf(items);
    long w = 1;
    for (Value v : this.items) w = Value.addWeights(w, v.weight());
    this.weight = w;
  }

  public List<Value> items() {
    return items;
  }

  @Override
  public String typeName() {
    return "list";
  }

  @Override
  public long weight() {
    return weight;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ListValue l && items.equals(l.items);
  }

  @Override
  public int hashCode() {
    return items.hashCode();
  }

  @Override
  public String toString() {
    return "ListValue[items=" + items + "]";
  }
}
