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
 * secret meant for a misspelt one) points into a copy of its file in which that value is replaced
 * by {@link #PLACEHOLDER}. The placeholder has one length whatever it hides, so neither the line
 * nor the underline tells how long the secret is (a digest hides that too; a row of one star per
 * character would not). Spans are moved into the copy: one inside the value covers the placeholder,
 * one after it shifts by the difference in length.
 *
 * @param from the file as written
 * @param file the copy diagnostics show
 * @param start where the hidden value starts, in both
 * @param end where it ends in {@code from}
 */
record Masking(SourceFile from, SourceFile file, int start, int end) {
  /** What diagnostics show in place of a hidden value. */
  static final String PLACEHOLDER = "(sensitive)";

  /** A copy of {@code range}'s file with the text of {@code range} replaced by the placeholder. */
  static Masking mask(Span range) {
    SourceFile f = range.file();
    String text = f.text();
    int start = Math.min(range.start(), text.length());
    int end = Math.min(Math.max(range.end(), start), text.length());
    String shown = text.substring(0, start) + PLACEHOLDER + text.substring(end);
    return new Masking(f, new SourceFile(f.path(), f.displayPath(), shown), start, end);
  }

  /**
   * {@code span} moved into the copy when it is in the original file; others stay. A span before
   * the value stays, one after it shifts, and one that overlaps it takes in the whole placeholder.
   */
  Span move(Span span) {
    if (span.file() != from) return span;
    int shift = PLACEHOLDER.length() - (end - start);
    if (span.end() <= start) return new Span(file, span.start(), span.end());
    if (span.start() >= end) return new Span(file, span.start() + shift, span.end() + shift);
    int s = Math.min(span.start(), start);
    int e = span.end() > end ? span.end() + shift : start + PLACEHOLDER.length();
    return new Span(file, s, e);
  }

  /** {@code d} with every span in the original file moved into the copy. */
  Diagnostic move(Diagnostic d) {
    List<Note> notes = new ArrayList<>();
    for (Note n : d.notes()) notes.add(new Note(move(n.span()), n.message()));
    return new Diagnostic(
        d.code(),
        d.severity(),
        move(d.span()),
        d.message(),
        notes,
        d.help(),
        d.fix().map(f -> new Fix(move(f.span()), f.replacement())));
  }

  /** {@code span} moved to {@code to} when it is in {@code from}; offsets stay. */
  static Span move(Span span, SourceFile from, SourceFile to) {
    return span.file() == from ? new Span(to, span.start(), span.end()) : span;
  }

  /** {@code d} with every span in {@code from} moved to {@code to}; offsets stay. */
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
