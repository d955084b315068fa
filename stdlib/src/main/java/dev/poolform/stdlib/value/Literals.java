package dev.poolform.stdlib.value;

import java.math.BigDecimal;

/** Canonical text for literal kinds, shared by the formatter, messages and JSON output. */
public final class Literals {
  private Literals() {}

  /**
   * The reserved words (docs/language.md#identifiers-and-keywords); a compiler test keeps this in
   * step with the lexer.
   */
  public static final java.util.Set<String> KEYWORDS =
      java.util.Set.of(
          "import",
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
          "external");

  private static final java.util.regex.Pattern IDENT =
      java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

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
    return IDENT.matcher(s).matches() && !KEYWORDS.contains(s);
  }

  /** A map key or attribute name as written: bare when it can be, quoted otherwise. */
  public static String key(String k) {
    return isIdentifier(k) ? k : quote(k);
  }

  private static final long[] DURATION_UNITS = {86_400_000L, 3_600_000L, 60_000L, 1000L, 1L};
  private static final String[] DURATION_NAMES = {"d", "h", "m", "s", "ms"};

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
