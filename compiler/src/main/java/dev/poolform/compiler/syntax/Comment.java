package dev.poolform.compiler.syntax;

import dev.poolform.source.Span;

/**
 * A comment as written ({@code # ...}, {@code // ...} or {@code /* ... *}{@code /}), for the
 * formatter, which must keep every one of them. Line comments do not include the line end.
 */
public record Comment(Span span, boolean block) {
  public String text() {
    return span.text();
  }
}
