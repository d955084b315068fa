package dev.poolform.compiler.inputs;

import dev.poolform.compiler.diag.Diagnostic;
import dev.poolform.compiler.diag.Fix;
import dev.poolform.compiler.diag.Note;
import dev.poolform.source.SourceFile;
import dev.poolform.source.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps values that may be secret out of diagnostics. A diagnostic shows the source line it points
 * at, so one about a sensitive value (or a value for a variable nobody declared, which may be a
 * secret meant for a misspelt one) points into a copy of its file in which that value is starred
 * out: same offsets, same lines, no secret.
 */
final class Masking {
  private Masking() {}

  /** A copy of {@code range}'s file with the characters of {@code range} replaced by {@code *}. */
  static SourceFile mask(Span range) {
    SourceFile f = range.file();
    StringBuilder text = new StringBuilder(f.text());
    for (int i = range.start(); i < Math.min(range.end(), text.length()); i++) {
      char c = text.charAt(i);
      if (c != '\n' && c != '\r') text.setCharAt(i, '*');
    }
    return new SourceFile(f.path(), f.displayPath(), text.toString());
  }

  /** {@code span} moved to {@code to} when it is in {@code from}; offsets stay. */
  static Span move(Span span, SourceFile from, SourceFile to) {
    return span.file() == from ? new Span(to, span.start(), span.end()) : span;
  }

  /** {@code d} with every span in {@code from} moved to {@code to}. */
  static Diagnostic move(Diagnostic d, SourceFile from, SourceFile to) {
    List<Note> notes = new ArrayList<>();
    for (Note n : d.notes()) notes.add(new Note(move(n.span(), from, to), n.message()));
    return new Diagnostic(
        d.code(),
        d.severity(),
        move(d.span(), from, to),
        d.message(),
        notes,
        d.help(),
        d.fix().map(f -> new Fix(move(f.span(), from, to), f.replacement())));
  }
}
