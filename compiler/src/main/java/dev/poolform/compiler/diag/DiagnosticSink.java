package dev.poolform.compiler.diag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects diagnostics during a phase. Phases report and keep going; the caller decides what an
 * error means. Not thread-safe: one sink per compilation.
 */
public final class DiagnosticSink {
  private final List<Diagnostic> items = new ArrayList<>();
  private int errors;

  public void report(Diagnostic d) {
    items.add(d);
    if (d.isError()) errors++;
  }

  public void reportAll(Iterable<Diagnostic> ds) {
    ds.forEach(this::report);
  }

  public boolean hasErrors() {
    return errors > 0;
  }

  /** Whether a lexical or syntax error (E01xx) was reported. */
  public boolean hasSyntaxErrors() {
    return items.stream().anyMatch(d -> d.isError() && d.code().name().startsWith("E01"));
  }

  public int errorCount() {
    return errors;
  }

  /** Everything reported, in a stable order: by file, then position, then code. */
  public List<Diagnostic> sorted() {
    List<Diagnostic> copy = new ArrayList<>(items);
    copy.sort(ORDER);
    return List.copyOf(copy);
  }

  public static final Comparator<Diagnostic> ORDER =
      Comparator.<Diagnostic, String>comparing(d -> d.span().file().displayPath())
          .thenComparingInt(d -> d.span().start())
          .thenComparingInt(d -> d.span().end())
          .thenComparing(d -> d.code().name())
          .thenComparing(Diagnostic::message);
}
