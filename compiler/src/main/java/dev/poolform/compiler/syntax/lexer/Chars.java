package dev.poolform.compiler.syntax.lexer;

/** The character classes of PoolLexer.g4, on code points (ANTLR's lexer reads code points). */
final class Chars {
  /** What {@code LA(1)} gives past the last character. */
  static final int EOF = -1;

  private Chars() {}

  /** White space, skipped: space, tab, CR, LF, form feed, vertical tab and U+FEFF. */
  static boolean isSpace(int c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == 0x0B || c == 0xFEFF;
  }

  /** {@code [0-9]}. */
  static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  /** {@code [A-Za-z_]}: the first character of a name. */
  static boolean isNameStart(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  /** {@code [A-Za-z0-9_]}: the rest of a name. */
  static boolean isNamePart(int c) {
    return isNameStart(c) || isDigit(c);
  }

  /** {@code [0-9A-Za-z_.]}: what a malformed literal runs over. */
  static boolean isBadNumberPart(int c) {
    return isNamePart(c) || c == '.';
  }

  /** {@code [0-9A-Za-z]}: the digits of a Unicode escape. */
  static boolean isAlnum(int c) {
    return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
