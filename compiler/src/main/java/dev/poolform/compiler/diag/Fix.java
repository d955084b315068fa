package dev.poolform.compiler.diag;

import dev.poolform.source.Span;

/**
 * A mechanical repair of a diagnostic: replace the text of {@code span} with {@code replacement}.
 * Carried beside the help line that describes it ("Did you mean `max_surge`?") so that an editor
 * can offer it as a quick fix without reading the sentence.
 */
public record Fix(Span span, String replacement) {}
