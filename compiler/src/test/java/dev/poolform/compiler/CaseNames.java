package dev.poolform.compiler;

import dev.poolform.compiler.diag.Code;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One naming style for golden cases and spec snippets: lower-case words joined by {@code _}; a case
 * that shows a diagnostic starts with that code in lower case ({@code e0402_capacity}, {@code
 * w0501_unused}), one that shows none does not ({@code defaults}, {@code loops_more}). The explain
 * goldens are the exception: named by the code alone ({@code explain/e0402.err}).
 */
public final class CaseNames {
  private CaseNames() {}

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");
  private static final Pattern CODE_PREFIX = Pattern.compile("([ew]\\d{4})_.+");

  /** The code a case name starts with, if any. */
  public static Optional<Code> code(String caseName) {
    Matcher m = CODE_PREFIX.matcher(caseName);
    if (!m.matches()) return Optional.empty();
    try {
      return Optional.of(Code.valueOf(m.group(1).toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * Why {@code caseName} breaks the style for a case that shows {@code shown}, or empty when it
   * follows it.
   */
  public static Optional<String> problem(String caseName, Collection<Code> shown) {
    if (!NAME.matcher(caseName).matches()) {
      return Optional.of("`" + caseName + "` is not lower_snake_case");
    }
    Optional<Code> named = code(caseName);
    if (CODE_PREFIX.matcher(caseName).matches() && named.isEmpty()) {
      return Optional.of("`" + caseName + "` starts with a code that does not exist");
    }
    if (named.isPresent() && !shown.contains(named.get())) {
      return Optional.of(
          "`" + caseName + "` is named after " + named.get() + " but shows " + shown);
    }
    if (named.isEmpty() && !shown.isEmpty()) {
      return Optional.of(
          "`"
              + caseName
              + "` shows "
              + shown
              + "; name it after the code it shows, e.g. "
              + shown.iterator().next().name().toLowerCase(Locale.ROOT)
              + "_"
              + caseName);
    }
    return Optional.empty();
  }
}
