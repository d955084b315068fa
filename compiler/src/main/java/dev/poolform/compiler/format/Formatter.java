package dev.poolform.compiler.format;

import dev.poolform.compiler.diag.DiagnosticSink;
import dev.poolform.compiler.syntax.ParsedFile;
import dev.poolform.compiler.syntax.Parser;
import dev.poolform.source.SourceFile;

/**
 * Formats one {@code .pool} file. The layout rules are in {@link Layout}. Never throws; a file with
 * syntax errors comes back unchanged with its diagnostics.
 */
public final class Formatter {
  private Formatter() {}

  public static FormatResult format(SourceFile file) {
    DiagnosticSink sink = new DiagnosticSink();
    ParsedFile parsed = Parser.parseWithComments(file, sink);
    if (sink.hasErrors()) return new FormatResult(file.text(), sink.sorted());
    String out = layout(file, parsed);
    return new FormatResult(out == null ? file.text() : out, sink.sorted());
  }

  /** The formatted text, or null when it could not be produced safely (then keep the input). */
  static String layout(SourceFile file, ParsedFile parsed) {
    String out;
    try {
      out = new Layout(file, parsed.comments()).file(parsed.unit());
    } catch (RuntimeException | StackOverflowError e) {
      return null;
    }
    return AstShape.sameMeaning(parsed, SourceFile.of(file.displayPath(), out)) ? out : null;
  }
}
