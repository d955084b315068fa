package dev.poolform.stdlib.value;

import java.math.BigDecimal;

/**
 * The text of literals, both ways: the canonical text of durations, byte sizes, numbers and
 * percentages (the formatter, messages, JSON, state), the parsers that read it back and read the
 * same literals in source, and string literals. What prints here parses here: {@code
 * parseDuration(formatDuration(ms)) == ms}, and likewise for bytes and percentages.
 */
public final class Literals {
  private Literals() {}

  /**
   * The reserved words (docs/language.md#identifiers-and-keywords); a compiler test keeps this in
   * step with the lexer.
   */
  public static final java.util.Set<String> KEYWORDS =
      java.util.Set.of(
          "import",
          "state",
          "cloud",
          "template",
          "pool",
          "let",
          "from",
          "on",
          "for",
          "in",
          "if",
          "else",
          "true",
          "false",
          "null",
          "external",
          "variable",
          "var",
          "moved");

  /**
   * A string literal that reads back as {@code s}: quotes, backslashes and control characters
   * escaped, and a {@code $} before an opening brace doubled so that no interpolation starts.
   */
  public static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '\r' -> sb.append("\\r");
        case '$' -> sb.append(i + 1 < s.length() && s.charAt(i + 1) == '{' ? "$$" : "$");
        default -> {
          if (c < 0x20) sb.append(String.format("\\u{%X}", (int) c));
          else sb.append(c);
        }
      }
    }
    return sb.append('"').toString();
  }

  /**
   * A JSON string (the IR and the diagnostics JSON): quotes, backslashes and control characters
   * escaped, and {@code U+007F}, {@code U+2028}, {@code U+2029} and lone surrogates as {@code
   * \\uXXXX} so that any JSON or JavaScript reader takes the text as it is.
   */
  public static String jsonQuote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          boolean lone =
              Character.isHighSurrogate(c)
                  ? i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))
                  : Character.isLowSurrogate(c)
                      && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
          if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029 || lone)
            sb.append(String.format("\\u%04x", (int) c));
          else sb.append(c);
        }
      }
    }
    return sb.append('"').toString();
  }

  /** Whether {@code s} can be written bare as a name (an identifier that is not a keyword). */
  public static boolean isIdentifier(String s) {
    if (s.isEmpty() || !(letter(s.charAt(0)) || s.charAt(0) == '_')) return false;
    for (int i = 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(letter(c) || digit(c) || c == '_')) return false;
    }
    return !KEYWORDS.contains(s);
  }

  /** A map key or attribute name as written: bare when it can be, quoted otherwise. */
  public static String key(String k) {
    return isIdentifier(k) ? k : quote(k);
  }

  /** Why a literal's text cannot be read. */
  public enum Problem {
    /** Not the literal's syntax at all. */
    MALFORMED,
    /** A duration listing a unit twice or a smaller unit before a larger one ({@code 30s1m}). */
    UNIT_ORDER,
    /** Does not fit a 64-bit count of the unit (or a finite double). */
    TOO_LARGE
  }

  /** A literal's text that cannot be read; {@link #problem()} says why. */
  public static final class LiteralFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final Problem problem;

    LiteralFormatException(Problem problem, String text) {
      super(problem + ": `" + text + "`");
      this.problem = problem;
    }

    public Problem problem() {
      return problem;
    }
  }

  private static final long[] DURATION_UNITS = {86_400_000L, 3_600_000L, 60_000L, 1000L, 1L};
  private static final String[] DURATION_NAMES = {"d", "h", "m", "s", "ms"};

  /**
   * Milliseconds of a duration: whole numbers with units {@code d h m s ms}, each unit at most once
   * and larger units first ({@code 1h30m}, {@code 500ms}, {@code 0s}); a leading {@code -} as
   * {@link #formatDuration} prints it for a negative one.
   *
   * @throws LiteralFormatException if the text is not such a duration
   */
  public static long parseDuration(String text) {
    boolean negative = text.startsWith("-");
    int i = negative ? 1 : 0;
    if (i == text.length()) throw new LiteralFormatException(Problem.MALFORMED, text);
    long total = 0;
    int lastUnit = -1;
    while (i < text.length()) {
      int j = digits(text, i);
      int k = j;
      while (k < text.length() && Character.isLetter(text.charAt(k))) k++;
      int u = indexOf(DURATION_NAMES, text.substring(j, k));
      if (j == i || u < 0) throw new LiteralFormatException(Problem.MALFORMED, text);
      if (u <= lastUnit) throw new LiteralFormatException(Problem.UNIT_ORDER, text);
      lastUnit = u;
      total = addExact(total, multiplyExact(whole(text, i, j), DURATION_UNITS[u], text), text);
      i = k;
    }
    return negative ? -total : total;
  }

  private static final String[] BYTE_UNITS = {
    "B", "KB", "MB", "GB", "TB", "KiB", "MiB", "GiB", "TiB"
  };
  private static final long[] BYTE_SIZES = {
    1L, 1000L, 1000_000L, 1000_000_000L, 1000_000_000_000L, 1L << 10, 1L << 20, 1L << 30, 1L << 40
  };

  /**
   * Bytes of a size: a whole number and one unit, decimal ({@code B KB MB GB TB}) or binary ({@code
   * KiB MiB GiB TiB}): {@code 64GiB}, {@code 512MB}; a leading {@code -} as {@link #formatBytes}
   * prints it for a negative one.
   *
   * @throws LiteralFormatException if the text is not such a size
   */
  public static long parseBytes(String text) {
    boolean negative = text.startsWith("-");
    int i = negative ? 1 : 0;
    int j = digits(text, i);
    int u = indexOf(BYTE_UNITS, text.substring(j));
    if (j == i || u < 0) throw new LiteralFormatException(Problem.MALFORMED, text);
    long n = multiplyExact(whole(text, i, j), BYTE_SIZES[u], text);
    return negative ? -n : n;
  }

  /**
   * A decimal number as the language writes it: digits, optionally a fraction and an exponent
   * ({@code 0.05}, {@code 1e6}, {@code 2.5E-3}), or a leading {@code -} as {@link #formatNumber}
   * prints a negative one.
   *
   * @throws LiteralFormatException if the text is not such a number or is too large for a double
   */
  public static double parseNumber(String text) {
    if (!isNumber(text)) {
      throw new LiteralFormatException(Problem.MALFORMED, text);
    }
    double d = Double.parseDouble(text);
    if (Double.isInfinite(d)) throw new LiteralFormatException(Problem.TOO_LARGE, text);
    return d;
  }

  // The literals are scanned by hand, not by java.util.regex: compiling a pattern links the
  // lambdas inside java.util.regex, which costs a cold `pool validate` the set-up of
  // java.lang.invoke (docs/BENCHMARKS.md#cold-start), and every compilation decodes literals.

  /** Whether {@code t} is {@code -?DIGITS(.DIGITS)?([eE][+-]?DIGITS)?}. */
  private static boolean isNumber(String t) {
    int i = t.startsWith("-") ? 1 : 0;
    int j = digits(t, i);
    if (j == i) return false;
    if (j < t.length() && t.charAt(j) == '.') {
      i = j + 1;
      j = digits(t, i);
      if (j == i) return false;
    }
    if (j < t.length() && (t.charAt(j) == 'e' || t.charAt(j) == 'E')) {
      i = j + 1;
      if (i < t.length() && (t.charAt(i) == '+' || t.charAt(i) == '-')) i++;
      j = digits(t, i);
      if (j == i) return false;
    }
    return j == t.length();
  }

  private static boolean digit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean letter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  /**
   * The number before the sign of a percentage: {@code 25%} is 25, {@code 12.5%} is 12.5.
   *
   * @throws LiteralFormatException if the text is not a number followed by {@code %}
   */
  public static double parsePercent(String text) {
    if (!text.endsWith("%")) throw new LiteralFormatException(Problem.MALFORMED, text);
    try {
      return parseNumber(text.substring(0, text.length() - 1));
    } catch (LiteralFormatException e) {
      throw new LiteralFormatException(e.problem(), text);
    }
  }

  /** {@code 25.0 -> "25%"}, {@code 12.5 -> "12.5%"}. */
  public static String formatPercent(double value) {
    return formatNumber(value) + "%";
  }

  /**
   * Whether {@code text} reads as a number, a percentage or a duration: a value a reader takes
   * without quotes ({@code 3}, {@code 25%}, {@code 30s}).
   */
  public static boolean isBareNumeric(String text) {
    if (isNumber(text)) return true;
    if (text.endsWith("%")) return isNumber(text.substring(0, text.length() - 1));
    try {
      parseDuration(text);
      return true;
    } catch (LiteralFormatException e) {
      return false;
    }
  }

  /** The end of the run of ASCII digits starting at {@code from}. */
  private static int digits(String text, int from) {
    int j = from;
    while (j < text.length() && text.charAt(j) >= '0' && text.charAt(j) <= '9') j++;
    return j;
  }

  private static long whole(String text, int from, int to) {
    try {
      return Long.parseLong(text, from, to, 10);
    } catch (NumberFormatException e) {
      throw new LiteralFormatException(Problem.TOO_LARGE, text);
    }
  }

  private static long multiplyExact(long a, long b, String text) {
    try {
      return Math.multiplyExact(a, b);
    } catch (ArithmeticException e) {
      throw new LiteralFormatException(Problem.TOO_LARGE, text);
    }
  }

  private static long addExact(long a, long b, String text) {
    try {
      return Math.addExact(a, b);
    } catch (ArithmeticException e) {
      throw new LiteralFormatException(Problem.TOO_LARGE, text);
    }
  }

  private static int indexOf(String[] names, String name) {
    for (int i = 0; i < names.length; i++) if (names[i].equals(name)) return i;
    return -1;
  }

  /** {@code 5400000 -> "1h30m"}, {@code 0 -> "0s"}, {@code 1500 -> "1s500ms"}. */
  public static String formatDuration(long millis) {
    if (millis == 0) return "0s";
    StringBuilder sb = new StringBuilder();
    long rest = millis;
    if (rest < 0) {
      sb.append('-');
      rest = -rest;
    }
    for (int i = 0; i < DURATION_UNITS.length; i++) {
      long n = rest / DURATION_UNITS[i];
      if (n > 0) {
        sb.append(n).append(DURATION_NAMES[i]);
        rest -= n * DURATION_UNITS[i];
      }
    }
    return sb.toString();
  }

  private static final String[] BIN = {"TiB", "GiB", "MiB", "KiB"};
  private static final String[] DEC = {"TB", "GB", "MB", "KB"};

  /**
   * The largest unit that divides exactly, binary before decimal: {@code 64GiB}, {@code 2GB},
   * {@code 17B}.
   */
  public static String formatBytes(long bytes) {
    if (bytes == 0) return "0B";
    for (int i = 0; i < BIN.length; i++) {
      long unit = 1L << (10 * (BIN.length - i));
      if (bytes % unit == 0) return (bytes / unit) + BIN[i];
    }
    for (int i = 0; i < DEC.length; i++) {
      long unit = (long) Math.pow(1000, DEC.length - i);
      if (bytes % unit == 0) return (bytes / unit) + DEC[i];
    }
    return bytes + "B";
  }

  /** Shortest exact decimal text: {@code 25.0 -> "25"}, {@code 0.05 -> "0.05"}. */
  public static String formatNumber(double d) {
    if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }
}
