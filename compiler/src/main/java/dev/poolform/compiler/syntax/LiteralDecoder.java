package dev.poolform.compiler.syntax;

import dev.poolform.compiler.ast.Expr;
import dev.poolform.compiler.ast.Expr.LiteralKind;
import dev.poolform.compiler.diag.Code;
import dev.poolform.source.Span;

/**
 * Decodes number-like literals to their values (ints, durations in milliseconds, byte sizes in
 * bytes, percentages as the number before the sign). Anything that does not fit a 64-bit value is
 * E0104 and becomes {@link Expr.Invalid}.
 */
final class LiteralDecoder {
  private final SyntaxReporter reporter;

  LiteralDecoder(SyntaxReporter reporter) {
    this.reporter = reporter;
  }

  private static final String[] DURATION_UNITS = {"d", "h", "m", "s", "ms"};
  private static final long[] DURATION_MILLIS = {86_400_000L, 3_600_000L, 60_000L, 1000L, 1L};

  Expr integer(String text, Span span) {
    try {
      return new Expr.Literal(LiteralKind.INT, Long.parseLong(text), text, span);
    } catch (NumberFormatException e) {
      return invalid(span, "Integer `" + text + "` does not fit in 64 bits.");
    }
  }

  Expr number(String text, Span span) {
    double d = Double.parseDouble(text);
    if (Double.isInfinite(d)) return invalid(span, "Number `" + text + "` is too large.");
    return new Expr.Literal(LiteralKind.NUMBER, d, text, span);
  }

  Expr percent(String text, Span span) {
    double d = Double.parseDouble(text.substring(0, text.length() - 1));
    if (Double.isInfinite(d)) return invalid(span, "Percentage `" + text + "` is too large.");
    return new Expr.Literal(LiteralKind.PERCENT, d, text, span);
  }

  /** {@code 1h30m}: parts in decreasing units, each unit at most once. */
  Expr duration(String text, Span span) {
    long total = 0;
    int lastUnit = -1;
    int i = 0;
    try {
      while (i < text.length()) {
        int j = i;
        while (j < text.length() && Character.isDigit(text.charAt(j))) j++;
        long n = Long.parseLong(text.substring(i, j));
        int k = j;
        while (k < text.length() && !Character.isDigit(text.charAt(k))) k++;
        String unit = text.substring(j, k);
        int u = indexOf(unit);
        if (u <= lastUnit) {
          return invalid(
              span,
              "Duration `"
                  + text
                  + "` must list its units once each, largest first (e.g. `1h30m`).");
        }
        lastUnit = u;
        total = Math.addExact(total, Math.multiplyExact(n, DURATION_MILLIS[u]));
        i = k;
      }
    } catch (ArithmeticException | NumberFormatException e) {
      return invalid(span, "Duration `" + text + "` is too large.");
    }
    return new Expr.Literal(LiteralKind.DURATION, total, text, span);
  }

  private static int indexOf(String unit) {
    for (int u = 0; u < DURATION_UNITS.length; u++) if (DURATION_UNITS[u].equals(unit)) return u;
    throw new IllegalStateException("lexer accepted duration unit " + unit);
  }

  Expr bytes(String text, Span span) {
    int j = 0;
    while (j < text.length() && Character.isDigit(text.charAt(j))) j++;
    long multiplier =
        switch (text.substring(j)) {
          case "B" -> 1L;
          case "KB" -> 1000L;
          case "MB" -> 1000L * 1000;
          case "GB" -> 1000L * 1000 * 1000;
          case "TB" -> 1000L * 1000 * 1000 * 1000;
          case "KiB" -> 1L << 10;
          case "MiB" -> 1L << 20;
          case "GiB" -> 1L << 30;
          case "TiB" -> 1L << 40;
          default -> throw new IllegalStateException("lexer accepted size unit " + text);
        };
    try {
      long n = Long.parseLong(text.substring(0, j));
      return new Expr.Literal(LiteralKind.BYTES, Math.multiplyExact(n, multiplier), text, span);
    } catch (ArithmeticException | NumberFormatException e) {
      return invalid(span, "Size `" + text + "` is too large.");
    }
  }

  private Expr invalid(Span span, String message) {
    reporter.report(Code.E0104, span, message);
    return new Expr.Invalid(span);
  }
}
