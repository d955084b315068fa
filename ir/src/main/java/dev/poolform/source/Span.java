package dev.poolform.source;

import java.util.Objects;

/**
 * A range of characters {@code [start, end)} in one source file. Every AST node, IR attribute and
 * diagnostic carries one.
 */
public record Span(SourceFile file, int start, int end) {
  public Span {
    Objects.requireNonNull(file, "file");
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad span " + start + ".." + end);
    }
  }

  // equals and hashCode written out (the same as a record's): the generated ones link an
  // invokedynamic bootstrap (ObjectMethods) at first use, which costs a cold `pool validate` about
  // 30 ms of CPU (docs/BENCHMARKS.md#cold-start), and the evaluator keys maps by span.

  @Override
  public boolean equals(Object o) {
    return o instanceof Span s && file.equals(s.file) && start == s.start && end == s.end;
  }

  @Override
  public int hashCode() {
    return (file.hashCode() * 31 + start) * 31 + end;
  }

  /** The smallest span covering both; they must be in the same file. */
  public Span to(Span other) {
    return new Span(file, Math.min(start, other.start), Math.max(end, other.end));
  }

  public int line() {
    return file.line(start);
  }

  public int column() {
    return file.column(start);
  }

  /** Line of the last character (of {@code start} for an empty span). */
  public int endLine() {
    return file.line(Math.max(start, end - 1));
  }

  /** Column just past the last character, 1-based, as editors expect. */
  public int endColumn() {
    return end == start ? file.column(start) : file.column(end - 1) + 1;
  }

  public String text() {
    return file.text().substring(start, Math.min(end, file.text().length()));
  }

  @Override
  public String toString() {
    return file.displayPath() + ":" + line() + ":" + column();
  }
}
