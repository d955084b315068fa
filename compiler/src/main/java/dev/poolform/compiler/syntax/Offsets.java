package dev.poolform.compiler.syntax;

import dev.poolform.source.SourceFile;
import dev.poolform.source.Span;
import org.antlr.v4.runtime.Token;

/**
 * ANTLR counts code points; {@link Span} counts UTF-16 units (as Java strings do). The two differ
 * only after a character outside the BMP (an emoji in a string or comment), so the table is built
 * only when the text has one.
 */
final class Offsets {
  private final SourceFile file;
  private final int[] utf16; // utf16[codePointIndex]; null when the text is BMP only
  private final int length;

  Offsets(SourceFile file) {
    this.file = file;
    String text = file.text();
    this.length = text.length();
    int cps = text.codePointCount(0, text.length());
    if (cps == text.length()) {
      utf16 = null;
    } else {
      utf16 = new int[cps + 1];
      int u = 0;
      for (int i = 0; i < cps; i++) {
        utf16[i] = u;
        u += Character.charCount(text.codePointAt(u));
      }
      utf16[cps] = u;
    }
  }

  SourceFile file() {
    return file;
  }

  /** UTF-16 offset of a code point index, clamped to the text. */
  int toUtf16(int codePoint) {
    if (codePoint < 0) return 0;
    if (utf16 == null) return Math.min(codePoint, length);
    return utf16[Math.min(codePoint, utf16.length - 1)];
  }

  /** A span from code point {@code start} (inclusive) to {@code stop} (inclusive). */
  Span span(int start, int stop) {
    int s = toUtf16(start);
    int e = toUtf16(stop + 1);
    return new Span(file, s, Math.max(s, e));
  }

  Span span(Token t) {
    return span(t.getStartIndex(), t.getStopIndex());
  }

  /**
   * From the start of {@code first} to the end of {@code last} (empty at {@code first} if last is
   * earlier).
   */
  Span span(Token first, Token last) {
    if (last == null || last.getStopIndex() < first.getStartIndex()) return span(first);
    return span(first.getStartIndex(), last.getStopIndex());
  }
}
