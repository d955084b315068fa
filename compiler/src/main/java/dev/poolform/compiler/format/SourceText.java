package dev.poolform.compiler.format;

import dev.poolform.compiler.syntax.Comment;
import dev.poolform.source.SourceFile;
import dev.poolform.source.Span;
import java.util.List;

/**
 * The file being formatted, its comments in source order, and which of them are already placed in
 * the output. Every comment must be placed exactly once: printed where the layout models it, or
 * taken along with a stretch of source text printed as written.
 */
final class SourceText {
  private final SourceFile file;
  private final String src;
  private final List<Comment> comments;
  private final boolean[] placed;

  SourceText(SourceFile file, List<Comment> comments) {
    this.file = file;
    this.src = file.text();
    this.comments = comments;
    this.placed = new boolean[comments.size()];
  }

  int length() {
    return src.length();
  }

  char charAt(int offset) {
    return src.charAt(offset);
  }

  boolean startsWith(String text, int offset) {
    return src.startsWith(text, offset);
  }

  int line(int offset) {
    return file.line(offset);
  }

  // ---- comments, by index in source order -------------------------------------------------

  int commentCount() {
    return comments.size();
  }

  Comment comment(int index) {
    return comments.get(index);
  }

  boolean isPlaced(int index) {
    return placed[index];
  }

  void place(int index) {
    placed[index] = true;
  }

  /** Fails when a comment was never placed: the caller then keeps the input as it is. */
  void checkAllPlaced() {
    for (int c = 0; c < comments.size(); c++) {
      if (!placed[c]) throw new IllegalStateException("comment not placed: " + comments.get(c));
    }
  }

  /** Index of the first comment starting at or after {@code offset} (comments are in order). */
  int firstAtOrAfter(int offset) {
    int lo = 0;
    int hi = comments.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (comments.get(mid).span().start() < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Whether a comment not yet placed starts in {@code [start, end)}. */
  boolean hasComments(int start, int end) {
    for (int c = firstAtOrAfter(start);
        c < comments.size() && comments.get(c).span().start() < end;
        c++) {
      if (!placed[c]) return true;
    }
    return false;
  }

  /**
   * Comments on the line of an opening bracket, before the first item (`{ # why`): they stay after
   * the bracket.
   */
  String afterOpen(int open, int firstStart) {
    StringBuilder sb = new StringBuilder();
    for (int c = firstAtOrAfter(open + 1);
        c < comments.size() && comments.get(c).span().start() < firstStart;
        c++) {
      Comment cm = comments.get(c);
      int s = cm.span().start();
      if (placed[c] || !sameLine(open, s)) continue;
      sb.append(' ').append(text(cm));
      placed[c] = true;
    }
    return sb.toString();
  }

  /** A comment as printed: a line comment loses trailing blanks, a block comment is kept whole. */
  static String text(Comment c) {
    return c.block() ? c.text() : c.text().stripTrailing();
  }

  // ---- source text ------------------------------------------------------------------------

  static String verbatim(Span span) {
    return span.text();
  }

  /** The source text of {@code [start, end)}, trimmed; the comments in it count as placed. */
  String takeVerbatim(int start, int end) {
    for (int c = firstAtOrAfter(start);
        c < comments.size() && comments.get(c).span().start() < end;
        c++) {
      placed[c] = true;
    }
    return src.substring(start, end).strip();
  }

  boolean sameLine(int a, int b) {
    return file.line(a) == file.line(b);
  }

  /** Whether the text between two offsets holds an empty line (a comma is not empty). */
  boolean blankBetween(int a, int b) {
    boolean sawNewline = false;
    boolean empty = true;
    for (int i = a; i < b && i < src.length(); i++) {
      char ch = src.charAt(i);
      if (ch == '\n') {
        if (sawNewline && empty) return true;
        sawNewline = true;
        empty = true;
      } else if (!Character.isWhitespace(ch)) {
        empty = false;
      }
    }
    return false;
  }

  /** The first offset at or after {@code i} that is neither whitespace nor inside a comment. */
  int skipTrivia(int i) {
    while (i < src.length()) {
      char ch = src.charAt(i);
      if (Character.isWhitespace(ch) || ch == '\uFEFF' || ch == ',') {
        i++;
        continue;
      }
      Comment c = commentAt(i);
      if (c == null) return i;
      i = c.span().end();
    }
    return i;
  }

  private Comment commentAt(int offset) {
    int c = firstAtOrAfter(offset);
    return c < comments.size() && comments.get(c).span().start() == offset ? comments.get(c) : null;
  }

  /** The offset of {@code ch}, the next code character after {@code from}; fails otherwise. */
  int expect(int from, char ch) {
    int i = skipTrivia(from);
    if (i >= src.length() || src.charAt(i) != ch) {
      throw new IllegalStateException("expected '" + ch + "' at " + i);
    }
    return i;
  }
}
