package dev.poolform.compiler.diag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects diagnostics during a phase. Phases report and keep going; the caller decides what an
 * error means. Not thread-safe: one sink per compilation.
 *
 * <p>Every compilation passes through here, so it is written with plain loops and a plain
 * comparator: no lambda, stream or {@code Comparator.comparing}, whose first use costs a cold
 * {@code pool validate} the set-up of {@code java.lang.invoke} (docs/BENCHMARKS.md#cold-start).
 */
public final class DiagnosticSink {
  private final List<Diagnostic> items = new ArrayList<>();
  private int errors;

  public void report(Diagnostic d) {
    items.add(d);
    if (d.isError()) errors++;
  }

  public void reportAll(Iterable<Diagnostic> ds) {
    for (Diagnostic d : ds) report(d);
  }

  public boolean hasErrors() {
    return errors > 0;
  }

  /** Whether a lexical or syntax error (E01xx) was reported. */
  public boolean hasSyntaxErrors() {
    for (Diagnostic d : items) {
      if (d.isError() && d.code().name().startsWith("E01")) return true;
    }
    return false;
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

  /** By file (display path), start, end, code, then message. */
  public static final Comparator<Diagnostic> ORDER = new Order();

  private static final class Order implements Comparator<Diagnostic> {
    @Override
    public int compare(Diagnostic a, Diagnostic b) {
      int c = a.span().file().displayPath().compareTo(b.span().file().displayPath());
      if (c == 0) c = Integer.compare(a.span().start(), b.span().start());
      if (c == 0) c = Integer.compare(a.span().end(), b.span().end());
      if (c == 0) c = a.code().name().compareTo(b.code().name());
      if (c == 0) c = a.message().compareTo(b.message());
      return c;
    }
  }
}
