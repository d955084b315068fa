package dev.poolform.compiler.diag.render;

import dev.poolform.source.SourceFile;
import dev.poolform.source.Span;

/**
 * The source line a span starts on, made safe and short for a terminal, with the columns its
 * underline covers. Tabs become spaces and control characters become {@code ?} so the underline
 * stays aligned and no byte of the user's file can drive the terminal; very long lines (minified or
 * generated input) are cut to a window around the span.
 *
 * @param text the line as shown
 * @param underlineStart 0-based display column where the underline starts
 * @param underlineLength at least 1
 */
record Snippet(int line, String text, int underlineStart, int underlineLength) {
  static final int MAX_WIDTH = 120;
  private static final int TAB_WIDTH = 4;
  private static final String ELLIPSIS = "...";

  static Snippet of(Span span) {
    SourceFile file = span.file();
    int length = file.text().length();
    int start = Math.min(span.start(), length);
    int end = Math.max(start, Math.min(span.end(), length));
    int line = file.line(start);
    String raw = file.lineText(line);
    int startCol = Math.min(file.column(start) - 1, raw.length());
    // Multi-line spans are underlined to the end of their first line.
    int endCol = file.line(Math.max(start, end - 1)) == line ? file.column(end) - 1 : raw.length();
    endCol = Math.max(startCol, Math.min(endCol, raw.length()));

    // Cut a window around the span when the line is too long to show.
    int from = 0;
    int to = raw.length();
    if (raw.length() > MAX_WIDTH) {
      from = Math.max(0, Math.min(startCol - 40, raw.length() - MAX_WIDTH));
      to = Math.min(raw.length(), from + MAX_WIDTH);
    }
    StringBuilder out = new StringBuilder();
    if (from > 0) out.append(ELLIPSIS);
    int uStart = -1;
    int uEnd = -1;
    for (int i = from; i < to; i++) {
      if (i == startCol) uStart = out.length();
      if (i == endCol) uEnd = out.length();
      char c = raw.charAt(i);
      if (c == '\t') {
        out.append(" ".repeat(TAB_WIDTH));
      } else if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
        out.append('?');
      } else if (Character.isSurrogate(c)) {
        // A pair shows as one glyph; keep it, but a lone half is unprintable.
        boolean paired =
            Character.isHighSurrogate(c)
                && i + 1 < to
                && Character.isLowSurrogate(raw.charAt(i + 1));
        if (paired) {
          out.append(c).append(raw.charAt(++i));
          if (i == startCol) uStart = out.length() - 1;
          if (i == endCol) uEnd = out.length() - 1;
        } else {
          out.append('?');
        }
      } else {
        out.append(c);
      }
    }
    int shownEnd = out.length();
    if (uStart < 0) uStart = startCol < from ? (from > 0 ? ELLIPSIS.length() : 0) : shownEnd;
    if (uEnd < 0) uEnd = endCol < from ? uStart : shownEnd;
    if (to < raw.length()) out.append(ELLIPSIS);
    int width = displayWidth(out, uStart, Math.max(uStart, uEnd));
    int startWidth = displayWidth(out, 0, uStart);
    return new Snippet(line, out.toString(), startWidth, Math.max(1, width));
  }

  /** Columns occupied on screen: a surrogate pair counts once. */
  private static int displayWidth(CharSequence s, int from, int to) {
    int w = 0;
    for (int i = from; i < to && i < s.length(); i++) {
      if (!Character.isLowSurrogate(s.charAt(i))) w++;
    }
    return w;
  }
}
