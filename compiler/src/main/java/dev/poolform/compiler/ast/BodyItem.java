package dev.poolform.compiler.ast;

import dev.poolform.source.Span;

/** What a body holds: {@code name = expr} attributes and {@code name { ... }} blocks. */
public sealed interface BodyItem extends Node {
  Ident name();

  /** {@code name = value}. */
  record Attribute(Ident name, Expr value, Span span) implements BodyItem {}

  /** {@code name { body }}. */
  record Block(Ident name, Body body, Span span) implements BodyItem {}
}
