package dev.poolform.compiler.syntax;

import dev.poolform.compiler.diag.Code;
import dev.poolform.compiler.diag.Diagnostic;
import dev.poolform.compiler.diag.DiagnosticSink;
import dev.poolform.source.Span;

/**
 * Where the parse facade reports. Caps the errors of one file: after {@link #MAX_ERRORS} it says
 * once that it stopped (E0106) and drops the rest, because after that many errors the later ones
 * are mostly echoes of the first and a wall of them hides the real problem.
 */
final class SyntaxReporter {
  static final int MAX_ERRORS = 20;

  private final DiagnosticSink sink;
  private int errors;
  private boolean capped;

  /** Set when the lexer reported a string, heredoc or comment running to the end of the file. */
  private boolean unterminatedAtEof;

  SyntaxReporter(DiagnosticSink sink) {
    this.sink = sink;
  }

  void report(Code code, Span span, String message) {
    report(Diagnostic.of(code, span, message));
  }

  void report(Diagnostic d) {
    if (capped) return;
    if (d.isError() && errors == MAX_ERRORS) {
      capped = true;
      sink.report(
          Diagnostic.of(
              Code.E0106,
              d.span(),
              "Too many errors in this file; stopped after " + MAX_ERRORS + "."));
      return;
    }
    if (d.isError()) errors++;
    sink.report(d);
  }

  /** True once the cap was reached: callers may skip work whose reports would be dropped. */
  boolean capped() {
    return capped;
  }

  int errorCount() {
    return errors;
  }

  void markUnterminatedAtEof() {
    unterminatedAtEof = true;
  }

  /** A syntax error at the end of the file is an echo of an unterminated string or comment. */
  boolean unterminatedAtEof() {
    return unterminatedAtEof;
  }
}
