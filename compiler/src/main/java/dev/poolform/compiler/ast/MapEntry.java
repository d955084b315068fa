package dev.poolform.compiler.ast;

import dev.poolform.source.Span;

/**
 * One {@code key = value} of a map literal. The key is an identifier (taken literally, as in {@code
 * { team = "x" }}) or a string expression ({@code { "any key" = v }}).
 */
public record MapEntry(Expr key, boolean bareKey, Expr value, Span span) implements Node {}
