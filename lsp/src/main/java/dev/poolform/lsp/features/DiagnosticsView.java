package dev.poolform.lsp.features;

import dev.poolform.compiler.diag.Diagnostic;
import dev.poolform.compiler.diag.Note;
import dev.poolform.compiler.diag.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.eclipse.lsp4j.DiagnosticRelatedInformation;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * The compiler's diagnostics as LSP diagnostics: the same code, span, message, notes (as related
 * information) and help (a last line of the message, as {@code pool validate} prints it).
 */
public final class DiagnosticsView {
  private DiagnosticsView() {}

  /** The source every diagnostic names, as compilers do ({@code rustc}, {@code tsc}). */
  public static final String SOURCE = "poolform";

  /**
   * @param uriOf the URI under which a note's file is known to the client
   */
  public static org.eclipse.lsp4j.Diagnostic of(
      Diagnostic d, Function<dev.poolform.source.SourceFile, String> uriOf) {
    String message = d.message() + d.help().map(h -> "\nhelp: " + h).orElse("");
    org.eclipse.lsp4j.Diagnostic out =
        new org.eclipse.lsp4j.Diagnostic(
            Positions.range(d.span()), message, severity(d.severity()), SOURCE);
    out.setCode(Either.forLeft(d.code().name()));
    List<DiagnosticRelatedInformation> related = new ArrayList<>();
    for (Note n : d.notes()) {
      related.add(
          new DiagnosticRelatedInformation(
              Positions.location(uriOf.apply(n.span().file()), n.span()), n.message()));
    }
    if (!related.isEmpty()) out.setRelatedInformation(related);
    return out;
  }

  private static DiagnosticSeverity severity(Severity s) {
    return s == Severity.ERROR ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning;
  }
}
