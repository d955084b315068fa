package dev.poolform.compiler.ast;

import dev.poolform.source.Span;
import java.util.List;

/**
 * The inside of {@code { ... }} of a cloud, template, pool or nested block; span covers the braces.
 */
public record Body(List<BodyItem> items, Span span) implements Node {
  public Body {
    items = List.copyOf(items);
  }
}
