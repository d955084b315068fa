package dev.poolform.compiler.ast;

import dev.poolform.source.Span;

/** A piece of a string literal: literal text (escapes already decoded) or {@code ${expr}}. */
public sealed interface StringPart extends Node {
  record Text(String text, Span span) implements StringPart {}

  record Interpolation(Expr expr, Span span) implements StringPart {}
}
