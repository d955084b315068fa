package dev.poolform.compiler.resolve;

import dev.poolform.compiler.diag.Diagnostic;
import dev.poolform.source.Span;
import dev.poolform.stdlib.value.Literals;
import java.util.Optional;

/** Spelling suggestions: the closest candidate by Damerau-Levenshtein distance, if close enough. */
public final class Suggest {
  private Suggest() {}

  /**
   * The best candidate within a distance of about a third of the name's length (at least 1, at most
   * 3).
   */
  public static Optional<String> closest(String name, Iterable<String> candidates) {
    int limit = Math.max(1, Math.min(3, (name.length() + 2) / 3));
    String best = null;
    int bestDist = Integer.MAX_VALUE;
    for (String c : candidates) {
      if (c.equals(name)) continue;
      if (Math.abs(c.length() - name.length()) > limit) continue;
      int d = distance(name, c, limit);
      if (d <= limit && (d < bestDist || (d == bestDist && c.compareTo(best) < 0))) {
        best = c;
        bestDist = d;
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * {@code d} with the help "Did you mean `x`?" for the closest candidate and the fix that writes
   * it in place of {@code at}; {@code d} unchanged when nothing is close.
   */
  public static Diagnostic suggest(
      Diagnostic d, String name, Iterable<String> candidates, Span at) {
    // No lambda here or below: a mistyped name is a common error, and the first lambda costs a
    // cold `pool validate` about 7 ms (docs/architecture.md#the-compiler).
    Optional<String> s = closest(name, candidates);
    return s.isPresent() ? d.withSuggestion(at, s.get(), s.get()) : d;
  }

  /**
   * Like {@link #suggest}, for a string value: the fix writes the candidate as a string literal,
   * and only when {@code at} is the literal itself (not an expression that computed the value).
   */
  public static Diagnostic suggestString(
      Diagnostic d, String value, Iterable<String> candidates, Span at) {
    Optional<String> s = closest(value, candidates);
    if (s.isEmpty()) return d;
    if (!at.text().equals(Literals.quote(value))) return d.withHelp(didYouMean(value, candidates));
    return d.withSuggestion(at, s.get(), Literals.quote(s.get()));
  }

  /** "Did you mean `x`?" for the closest candidate, or null. */
  public static String didYouMean(String name, Iterable<String> candidates) {
    Optional<String> s = closest(name, candidates);
    return s.isPresent() ? "Did you mean `" + s.get() + "`?" : null;
  }

  /**
   * Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions),
   * case-insensitive ties cost 0.5 rounded.
   */
  static int distance(String a, String b, int limit) {
    int n = a.length();
    int m = b.length();
    int[] prev2 = new int[m + 1];
    int[] prev = new int[m + 1];
    int[] cur = new int[m + 1];
    for (int j = 0; j <= m; j++) prev[j] = j;
    for (int i = 1; i <= n; i++) {
      cur[0] = i;
      int rowMin = cur[0];
      for (int j = 1; j <= m; j++) {
        char ca = a.charAt(i - 1);
        char cb = b.charAt(j - 1);
        int cost = ca == cb || Character.toLowerCase(ca) == Character.toLowerCase(cb) ? 0 : 1;
        int v = Math.min(Math.min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
        if (i > 1 && j > 1 && ca == b.charAt(j - 2) && a.charAt(i - 2) == cb)
          v = Math.min(v, prev2[j - 2] + 1);
        cur[j] = v;
        rowMin = Math.min(rowMin, v);
      }
      if (rowMin > limit) return limit + 1;
      int[] t = prev2;
      prev2 = prev;
      prev = cur;
      cur = t;
    }
    return prev[m];
  }
}
