package dev.poolform.compiler.diag;

import dev.poolform.source.Span;

/** A related location, e.g. "first declared here". */
public record Note(Span span, String message) {}
