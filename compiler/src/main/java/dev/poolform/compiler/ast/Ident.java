package dev.poolform.compiler.ast;

import dev.poolform.source.Span;

/** A name as written, with its own span so messages can point at it exactly. */
public record Ident(String name, Span span) implements Node {}
