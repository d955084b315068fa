package dev.poolform.compiler.format;

import dev.poolform.compiler.diag.Diagnostic;
import java.util.List;

/**
 * What {@code pool fmt} made of a file.
 *
 * @param text the formatted text; the original text, untouched, when there are syntax errors
 * @param diagnostics the syntax errors that prevented formatting (empty on success)
 */
public record FormatResult(String text, List<Diagnostic> diagnostics) {
  public FormatResult {
    diagnostics = List.copyOf(diagnostics);
  }

  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(Diagnostic::isError);
  }
}
