package dev.poolform.lsp.features;

import dev.poolform.compiler.diag.Diagnostic;
import dev.poolform.compiler.diag.Fix;
import dev.poolform.lsp.workspace.Analyses;
import dev.poolform.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;

/**
 * Quick fixes: a diagnostic that carries a {@link Fix} (every "Did you mean ...?") becomes a code
 * action that applies it, offered where the diagnostic is.
 */
public final class QuickFixes {
  private QuickFixes() {}

  public static List<CodeAction> at(
      Analyses.Snapshot s, Range range, Function<SourceFile, String> uriOf) {
    List<CodeAction> out = new ArrayList<>();
    for (Diagnostic d : s.analysis().compilation().diagnostics()) {
      if (d.fix().isEmpty() || d.span().file() != s.file()) continue;
      Range at = Positions.range(d.span());
      if (!overlaps(at, range)) continue;
      Fix fix = d.fix().get();
      CodeAction action =
          new CodeAction("Replace `" + fix.span().text() + "` with `" + fix.replacement() + "`");
      action.setKind(CodeActionKind.QuickFix);
      action.setDiagnostics(List.of(DiagnosticsView.of(d, uriOf)));
      action.setIsPreferred(true);
      action.setEdit(
          new WorkspaceEdit(
              Map.of(
                  uriOf.apply(fix.span().file()),
                  List.of(new TextEdit(Positions.range(fix.span()), fix.replacement())))));
      out.add(action);
    }
    return out;
  }

  private static boolean overlaps(Range a, Range b) {
    return !before(a.getEnd(), b.getStart()) && !before(b.getEnd(), a.getStart());
  }

  private static boolean before(org.eclipse.lsp4j.Position x, org.eclipse.lsp4j.Position y) {
    return x.getLine() < y.getLine()
        || (x.getLine() == y.getLine() && x.getCharacter() < y.getCharacter());
  }
}
