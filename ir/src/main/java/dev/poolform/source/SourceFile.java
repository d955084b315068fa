package dev.poolform.source;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * One {@code .pool} file's text and where it came from. Line and column numbers are computed on
 * demand from a line table, so spans stay two ints.
 */
public final class SourceFile {
  private final Path path;
  private final String displayPath;
  private final String text;
  private volatile int[] lineStarts;

  /**
   * @param path where the file lives (absolute or relative to the working directory)
   * @param displayPath how messages name it: relative to the configuration root, with {@code /}
   * @param text the decoded contents
   */
  public SourceFile(Path path, String displayPath, String text) {
    this.path = Objects.requireNonNull(path, "path");
    this.displayPath = Objects.requireNonNull(displayPath, "displayPath");
    this.text = Objects.requireNonNull(text, "text");
  }

  /** A file that exists only in memory (tests, stdin). */
  public static SourceFile of(String displayPath, String text) {
    return new SourceFile(Path.of(displayPath), displayPath, text);
  }

  public Path path() {
    return path;
  }

  public String displayPath() {
    return displayPath;
  }

  public String text() {
    return text;
  }

  private int[] lineStarts() {
    int[] ls = lineStarts;
    if (ls == null) {
      int[] tmp = new int[16];
      int n = 0;
      tmp[n++] = 0;
      for (int i = 0; i < text.length(); i++) {
        if (text.charAt(i) == '\n') {
          if (n == tmp.length) tmp = Arrays.copyOf(tmp, n * 2);
          tmp[n++] = i + 1;
        }
      }
      ls = lineStarts = Arrays.copyOf(tmp, n);
    }
    return ls;
  }

  /** 1-based line of a character offset. */
  public int line(int offset) {
    int[] ls = lineStarts();
    int i = Arrays.binarySearch(ls, Math.max(0, Math.min(offset, text.length())));
    return (i >= 0 ? i : -i - 2) + 1;
  }

  /** 1-based column (in UTF-16 code units) of a character offset. */
  public int column(int offset) {
    int off = Math.max(0, Math.min(offset, text.length()));
    return off - lineStarts()[line(off) - 1] + 1;
  }

  public int lineCount() {
    return lineStarts().length;
  }

  /** The text of a 1-based line, without its line terminator. */
  public String lineText(int line) {
    int[] ls = lineStarts();
    if (line < 1 || line > ls.length) return "";
    int start = ls[line - 1];
    int end = line < ls.length ? ls[line] - 1 : text.length();
    if (end > start && text.charAt(end - 1) == '\r') end--;
    return text.substring(start, Math.max(start, end));
  }

  @Override
  public String toString() {
    return displayPath;
  }
}
