package dev.poolform.lsp.features;

import dev.poolform.compiler.format.FormatResult;
import dev.poolform.compiler.format.Formatter;
import dev.poolform.lsp.workspace.Documents;
import dev.poolform.source.SourceFile;
import java.util.List;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;

/**
 * Formatting is {@code pool fmt}: the same formatter, one edit replacing the whole text when the
 * layout changes, none when it is already canonical or does not parse (fmt leaves such a file
 * alone, and so does the editor).
 */
public final class Formatting {
  private Formatting() {}

  public static List<TextEdit> of(Documents.Document doc) {
    FormatResult r =
        Formatter.format(new SourceFile(doc.path(), doc.path().toString(), doc.text()));
    if (r.hasErrors() || r.text().equals(doc.text())) return List.of();
    SourceFile old = new SourceFile(doc.path(), doc.path().toString(), doc.text());
    Position end = Positions.position(old, doc.text().length());
    return List.of(new TextEdit(new Range(new Position(0, 0), end), r.text()));
  }
}
