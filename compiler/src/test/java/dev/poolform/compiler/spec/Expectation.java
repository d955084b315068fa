package dev.poolform.compiler.spec;

import dev.poolform.compiler.diag.Code;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One diagnostic a snippet expects, written in a comment:
 *
 * <pre>
 * # expect: E0202 at 5:5
 * #   note at 4:5 "first declared here"
 * </pre>
 *
 * <p>The code and the position (line:column in the snippet file, as {@code pool validate} prints
 * it) are required. Clauses, on the same line or on the comment lines right after it, say more:
 *
 * <ul>
 *   <li>{@code message "text"}: the message contains the text;
 *   <li>{@code help "text"}: there is a help line and it contains the text;
 *   <li>{@code note at L:C ["text"]}: a note there (whose message contains the text); once one note
 *       is given, the diagnostic has exactly the notes given;
 *   <li>{@code span "text"}: the diagnostic underlines exactly this text.
 * </ul>
 *
 * Inside quotes, {@code \"} is a quote and {@code \\} a backslash.
 */
record Expectation(
    Code code,
    int line,
    int column,
    int commentLine,
    Optional<String> message,
    Optional<String> help,
    List<NoteExpectation> notes,
    Optional<String> span) {

  /** A note the diagnostic must carry. */
  record NoteExpectation(int line, int column, Optional<String> message) {}

  /** A comment that names a clause keyword continues the expectation above it. */
  static boolean isClause(String commentText) {
    String first = commentText.strip().split("\\s+", 2)[0];
    return List.of("message", "help", "note", "span").contains(first);
  }

  /**
   * Parses {@code E0202 at 5:5 <clauses>}, the text after {@code expect:}, written on {@code
   * commentLine}.
   */
  static Expectation parse(String text, int commentLine) {
    Tokens t = new Tokens(text);
    String codeName = t.word("a code such as E0402");
    Code code;
    try {
      code = Code.valueOf(codeName);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown code `" + codeName + "`");
    }
    t.keyword("at");
    int[] at = t.position();
    Expectation e =
        new Expectation(
            code,
            at[0],
            at[1],
            commentLine,
            Optional.empty(),
            Optional.empty(),
            List.of(),
            Optional.empty());
    return e.withClauses(t);
  }

  /** This expectation with the clauses of {@code text} (a continuation comment) added. */
  Expectation withClauses(String text) {
    return withClauses(new Tokens(text));
  }

  private Expectation withClauses(Tokens t) {
    Optional<String> msg = message;
    Optional<String> hlp = help;
    Optional<String> spn = span;
    List<NoteExpectation> ns = new ArrayList<>(notes);
    while (!t.atEnd()) {
      String clause = t.word("a clause: message, help, note or span");
      switch (clause) {
        case "message" -> msg = Optional.of(once(msg, "message", t.quoted()));
        case "help" -> hlp = Optional.of(once(hlp, "help", t.quoted()));
        case "span" -> spn = Optional.of(once(spn, "span", t.quoted()));
        case "note" -> {
          t.keyword("at");
          int[] at = t.position();
          ns.add(
              new NoteExpectation(
                  at[0], at[1], t.nextIsQuoted() ? Optional.of(t.quoted()) : Optional.empty()));
        }
        default ->
            throw new IllegalArgumentException(
                "unknown clause `" + clause + "` (message, help, note or span)");
      }
    }
    return new Expectation(code, line, column, commentLine, msg, hlp, List.copyOf(ns), spn);
  }

  private static String once(Optional<String> before, String clause, String value) {
    if (before.isPresent()) throw new IllegalArgumentException("`" + clause + "` given twice");
    return value;
  }

  /** How the expectation is written, for failure messages. */
  String describe() {
    return code + " at " + line + ":" + column;
  }

  /** Words, {@code L:C} positions and quoted strings. */
  private static final class Tokens {
    private final String s;
    private int i;

    Tokens(String s) {
      this.s = s;
    }

    private void skipSpace() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
    }

    boolean atEnd() {
      skipSpace();
      return i >= s.length();
    }

    boolean nextIsQuoted() {
      skipSpace();
      return i < s.length() && s.charAt(i) == '"';
    }

    String word(String what) {
      skipSpace();
      int start = i;
      while (i < s.length() && !Character.isWhitespace(s.charAt(i)) && s.charAt(i) != '"') i++;
      if (start == i) throw new IllegalArgumentException("expected " + what + " in `" + s + "`");
      return s.substring(start, i);
    }

    void keyword(String k) {
      String w = word("`" + k + "`");
      if (!w.equals(k))
        throw new IllegalArgumentException("expected `" + k + "`, found `" + w + "`");
    }

    int[] position() {
      String w = word("a position LINE:COLUMN");
      String[] parts = w.split(":", -1);
      try {
        if (parts.length == 2)
          return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new IllegalArgumentException("expected LINE:COLUMN, found `" + w + "`");
    }

    String quoted() {
      if (!nextIsQuoted())
        throw new IllegalArgumentException("expected a quoted text in `" + s + "`");
      StringBuilder out = new StringBuilder();
      i++;
      while (i < s.length()) {
        char c = s.charAt(i++);
        if (c == '"') return out.toString();
        if (c == '\\' && i < s.length()) c = s.charAt(i++);
        out.append(c);
      }
      throw new IllegalArgumentException("unclosed quote in `" + s + "`");
    }
  }
}
