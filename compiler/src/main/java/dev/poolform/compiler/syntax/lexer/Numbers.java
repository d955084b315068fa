package dev.poolform.compiler.syntax.lexer;

import static dev.poolform.grammar.PoolLexer.*;

/**
 * Which literal a digit starts. In the grammar six rules compete there, and ANTLR's lexer takes the
 * longest match, the earlier rule on a tie:
 *
 * <pre>
 * DURATION   : (DIGITS ('ms' | 's' | 'm' | 'h' | 'd'))+ ;
 * BYTES      : DIGITS ('B' | 'KB' | 'MB' | 'GB' | 'TB' | 'KiB' | 'MiB' | 'GiB' | 'TiB') ;
 * PERCENT    : DIGITS ('.' DIGITS)? '%' {percentHere()}? ;
 * NUMBER     : DIGITS '.' DIGITS EXPONENT? | DIGITS EXPONENT ;
 * INT        : DIGITS ;
 * BAD_NUMBER : [0-9] [0-9A-Za-z_.]* ;
 * </pre>
 *
 * Each method below gives the end of its rule's longest match (or -1), and {@link #scan} keeps the
 * longest, the first on a tie.
 */
final class Numbers {
  private Numbers() {}

  /**
   * The token starting at {@code start} (a digit) of {@code cp}: its type in the high 32 bits, its
   * end (exclusive) in the low 32.
   */
  static long scan(int[] cp, int start) {
    // INT first: every rule before it matches more than the digits when it matches at all, and
    // only a strictly longer match replaces the one kept, so a tie keeps the earlier rule.
    int type = INT;
    int end = digits(cp, start);
    int e = duration(cp, start);
    if (e > end) {
      type = DURATION;
      end = e;
    }
    e = bytes(cp, start);
    if (e > end) {
      type = BYTES;
      end = e;
    }
    e = percent(cp, start);
    if (e > end) {
      type = PERCENT;
      end = e;
    }
    e = number(cp, start);
    if (e > end) {
      type = NUMBER;
      end = e;
    }
    e = badNumber(cp, start);
    if (e > end) {
      type = BAD_NUMBER;
      end = e;
    }
    return ((long) type << 32) | end;
  }

  private static int at(int[] cp, int i) {
    return i < cp.length ? cp[i] : Chars.EOF;
  }

  /** The end of the run of digits from {@code i} ({@code i} itself if there is none). */
  private static int digits(int[] cp, int i) {
    while (i < cp.length && Chars.isDigit(cp[i])) i++;
    return i;
  }

  /**
   * Digits then a unit, repeated. Taking {@code ms} over {@code m} loses nothing: after {@code m}
   * the next group would have to start with a digit, not {@code s}.
   */
  private static int duration(int[] cp, int start) {
    int best = -1;
    int i = start;
    while (true) {
      int d = digits(cp, i);
      if (d == i) return best;
      int c = at(cp, d);
      int u;
      if (c == 'm') {
        u = at(cp, d + 1) == 's' ? d + 2 : d + 1;
      } else if (c == 's' || c == 'h' || c == 'd') {
        u = d + 1;
      } else {
        return best;
      }
      best = u;
      i = u;
    }
  }

  private static int bytes(int[] cp, int start) {
    int d = digits(cp, start);
    int c = at(cp, d);
    if (c == 'B') return d + 1;
    if (c != 'K' && c != 'M' && c != 'G' && c != 'T') return -1;
    if (at(cp, d + 1) == 'B') return d + 2;
    if (at(cp, d + 1) == 'i' && at(cp, d + 2) == 'B') return d + 3;
    return -1;
  }

  private static int percent(int[] cp, int start) {
    int d = digits(cp, start);
    if (at(cp, d) == '.') {
      int f = digits(cp, d + 1);
      if (f == d + 1) return -1;
      d = f;
    }
    if (at(cp, d) != '%') return -1;
    return percentHere(at(cp, d + 1)) ? d + 1 : -1;
  }

  /**
   * The grammar's {@code percentHere()}: {@code 25%} is a percentage, but {@code a%b} and {@code
   * 10%(x)} are modulo; {@code next} is the character after the {@code %}.
   */
  private static boolean percentHere(int next) {
    return !(Character.isLetterOrDigit(next) || next == '_' || next == '(');
  }

  private static int number(int[] cp, int start) {
    int d = digits(cp, start);
    if (at(cp, d) == '.') {
      int f = digits(cp, d + 1);
      if (f > d + 1) {
        int e = exponent(cp, f);
        return e > 0 ? e : f;
      }
    }
    return exponent(cp, d);
  }

  /** {@code [eE] [+-]? [0-9]+} from {@code i}: its end, or -1. */
  private static int exponent(int[] cp, int i) {
    int c = at(cp, i);
    if (c != 'e' && c != 'E') return -1;
    int j = i + 1;
    if (at(cp, j) == '+' || at(cp, j) == '-') j++;
    int k = digits(cp, j);
    return k > j ? k : -1;
  }

  private static int badNumber(int[] cp, int start) {
    int i = start + 1;
    while (i < cp.length && Chars.isBadNumberPart(cp[i])) i++;
    return i;
  }
}
