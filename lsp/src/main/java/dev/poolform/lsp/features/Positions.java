package dev.poolform.lsp.features;

import dev.poolform.source.SourceFile;
import dev.poolform.source.Span;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * Between the compiler's spans (character offsets) and LSP positions (0-based line and UTF-16
 * character). Both count UTF-16 code units, so no conversion of characters is needed, only of
 * lines.
 */
public final class Positions {
  private Positions() {}

  public static Range range(Span span) {
    SourceFile f = span.file();
    return new Range(position(f, span.start()), position(f, span.end()));
  }

  public static Position position(SourceFile f, int offset) {
    return new Position(f.line(offset) - 1, f.column(offset) - 1);
  }

  public static Location location(String uri, Span span) {
    return new Location(uri, range(span));
  }

  /** The offset of a position, clamped to its line (and to the file). */
  public static int offset(String text, Position p) {
    int line = 0;
    int i = 0;
    while (line < p.getLine() && i < text.length()) {
      if (text.charAt(i) == '\n') line++;
      i++;
    }
    if (line < p.getLine()) return text.length();
    int end = text.indexOf('\n', i);
    if (end < 0) end = text.length();
    return Math.min(i + Math.max(0, p.getCharacter()), end);
  }
}
