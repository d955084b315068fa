package dev.poolform.compiler.format;

import dev.poolform.source.Span;
import java.util.function.IntFunction;

/**
 * Something printed on its own line(s). An alignable item has a {@code head} (the part before
 * {@code =}) and a {@code rest} (from {@code " = "} on); others only a {@code render}. Both are
 * functions of the indent, because a nested multi-line value indents from where the item stands.
 */
record Item(int start, int end, String head, IntFunction<String> rest, IntFunction<String> render) {
  static Item aligned(Span span, String head, IntFunction<String> rest) {
    return new Item(span.start(), span.end(), head, rest, null);
  }

  static Item plain(Span span, IntFunction<String> render) {
    return new Item(span.start(), span.end(), null, null, render);
  }

  String oneLine(int indent) {
    return head != null ? head + rest.apply(indent) : render.apply(indent);
  }
}
