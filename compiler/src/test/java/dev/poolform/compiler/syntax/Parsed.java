package dev.poolform.compiler.syntax;

import dev.poolform.compiler.ast.SourceUnit;
import dev.poolform.compiler.diag.Diagnostic;
import dev.poolform.compiler.diag.DiagnosticSink;
import dev.poolform.source.SourceFile;
import java.util.List;
import java.util.stream.Collectors;

/** Test helper: a parse result with its diagnostics. */
record Parsed(SourceUnit unit, List<Diagnostic> diagnostics) {
  static Parsed of(String text) {
    DiagnosticSink sink = new DiagnosticSink();
    SourceUnit unit = Parser.parse(SourceFile.of("test.pool", text), sink);
    return new Parsed(unit, sink.sorted());
  }

  /** "E0101 2:5 message" per diagnostic, for readable assertion failures. */
  List<String> lines() {
    return diagnostics.stream()
        .map(d -> d.code() + " " + d.span().line() + ":" + d.span().column() + " " + d.message())
        .collect(Collectors.toList());
  }

  String dump() {
    return String.join("\n", lines());
  }
}
