package dev.poolform.compiler.resolve;

import dev.poolform.compiler.ast.SourceUnit;
import dev.poolform.compiler.diag.DiagnosticSink;
import dev.poolform.source.SourceFile;

/**
 * Parses one file (the syntax package's {@code Parser.parse}); injected so phases can be tested
 * alone.
 */
@FunctionalInterface
public interface ParseFunction {
  SourceUnit parse(SourceFile file, DiagnosticSink sink);
}
