package dev.poolform.compiler.ast;

import dev.poolform.source.Span;

/** Every syntax node knows its span. */
public sealed interface Node
    permits SourceUnit, Decl, Expr, BodyItem, Body, Ident, MapEntry, StringPart {
  Span span();
}
