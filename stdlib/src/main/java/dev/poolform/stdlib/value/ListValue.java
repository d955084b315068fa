package dev.poolform.stdlib.value;

import java.util.List;

/** An immutable list. */
public record ListValue(List<Value> items) implements Value {
  public static final ListValue EMPTY = new ListValue(List.of());

  public ListValue {
    items = List.copyOf(items);
  }

  @Override
  public String typeName() {
    return "list";
  }
}
