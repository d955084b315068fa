package dev.poolform.compiler.syntax;

import static dev.poolform.grammar.PoolLexer.*;

import dev.poolform.grammar.PoolParser;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Readable names for tokens in messages: punctuation and keywords as code in backticks, the rest by
 * kind ("an identifier", "a string"), and big expected sets summarised ("an expression", "a
 * declaration", "an operator") so that a message stays one short sentence.
 */
final class TokenNames {
  private TokenNames() {}

  /**
   * Tokens that can start an expression; a set holding most of them reads "an expression". {@code
   * pool} is one only so that {@code pool.x} where a value belongs is one clear error (an address
   * is not a value), so it is never named on its own.
   */
  private static final IntervalSet EXPR_START =
      IntervalSet.of(INT, INT)
          .or(
              set(
                  NUMBER,
                  DURATION,
                  PERCENT,
                  BYTES,
                  TRUE,
                  FALSE,
                  NULL,
                  EXTERNAL,
                  STRING_START,
                  HEREDOC_START,
                  LBRACK,
                  LBRACE,
                  IDENT,
                  VAR,
                  POOL,
                  LPAREN,
                  MINUS,
                  NOT,
                  BAD_NUMBER,
                  ERROR_CHAR));

  private static final IntervalSet DECL_START =
      set(IMPORT, CLOUD, LET, TEMPLATE, POOL, MOVED, FOR, IF, VARIABLE, STATE);

  private static final IntervalSet OPERATORS =
      set(
          STAR,
          SLASH,
          PERCENT_OP,
          PLUS,
          MINUS,
          LT,
          LE,
          GT,
          GE,
          EQ,
          NE,
          AND,
          OR,
          QUESTION,
          DOT,
          LBRACK,
          LPAREN);

  private static IntervalSet set(int... types) {
    IntervalSet s = new IntervalSet();
    for (int t : types) s.add(t);
    return s;
  }

  /** A reserved word: a token whose literal is a lowercase word ({@code 'pool'}, {@code 'var'}). */
  static boolean isKeyword(int type) {
    if (type < 1 || type > PoolParser.VOCABULARY.getMaxTokenType()) return false;
    String literal = PoolParser.VOCABULARY.getLiteralName(type);
    return literal != null && literal.matches("'[a-z]+'");
  }

  /** How a token type is named in "Expected X" lists. */
  static String expectedName(int type) {
    switch (type) {
      case Token.EOF:
        return "end of file";
      case IDENT:
        return "an identifier";
      case INT:
        return "an integer";
      case NUMBER:
        return "a number";
      case DURATION:
        return "a duration";
      case PERCENT:
        return "a percentage";
      case BYTES:
        return "a byte size";
      case STRING_START:
        return "a string";
      case HEREDOC_START:
        return "a heredoc";
      case STRING_END:
        return "`\"`";
      case HEREDOC_END:
        return "the heredoc end marker";
      case INTERP_START:
        return "`${`";
      case TEXT:
      case ESCAPE:
      case DOLLAR_ESCAPE:
        return "string text";
      default:
        String lit = PoolParser.VOCABULARY.getLiteralName(type);
        if (lit != null) return "`" + lit.substring(1, lit.length() - 1) + "`";
        String sym = PoolParser.VOCABULARY.getSymbolicName(type);
        return sym == null ? "a token" : sym.toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** How the offending token is named in "found X". */
  static String foundName(Token t) {
    switch (t.getType()) {
      case Token.EOF:
        return "end of file";
      case STRING_START:
        return "a string";
      case HEREDOC_START:
        return "a heredoc";
      case UNTERMINATED_STRING:
      case UNTERMINATED_HEREDOC:
        return "end of line";
      default:
        String text = t.getText();
        if (text == null || text.isEmpty()) return expectedName(t.getType());
        if (text.length() > 24) text = text.substring(0, 21) + "...";
        return "`" + text.replace("`", "'").replace("\n", "\\n") + "`";
    }
  }

  /** Whether "after `X`" helps: only for short, visible tokens. */
  static boolean goodAnchor(Token t) {
    if (t == null) return false;
    int type = t.getType();
    if (type == STRING_END
        || type == HEREDOC_END
        || type == TEXT
        || type == ESCAPE
        || type == UNTERMINATED_STRING
        || type == UNTERMINATED_HEREDOC
        || type == ERROR_CHAR
        || type == BAD_NUMBER
        || type == HEREDOC_START
        || type == Token.EOF) {
      return false;
    }
    String text = t.getText();
    return text != null && !text.isEmpty() && text.length() <= 24 && !text.contains("\n");
  }

  /** "`=` or `{`", "`}`, `,` or an identifier", "an expression". */
  static String describe(IntervalSet expected) {
    IntervalSet rest = new IntervalSet(expected);
    List<String> names = new ArrayList<>();
    List<String> categories = new ArrayList<>();
    if (countIn(rest, DECL_START) >= 5) {
      categories.add("a declaration");
      rest = rest.subtract(DECL_START);
      rest.remove(Token.EOF);
    }
    if (rest.contains(INT) && rest.contains(STRING_START) && rest.contains(LPAREN)) {
      categories.add("an expression");
      rest = rest.subtract(EXPR_START);
    }
    if (countIn(rest, OPERATORS) >= 6) {
      categories.add("an operator");
      rest = rest.subtract(OPERATORS);
    }
    for (int t : rest.toList()) {
      if (t == ERROR_CHAR || t == BAD_NUMBER) continue;
      String n = expectedName(t);
      if (!names.contains(n)) names.add(n);
    }
    // Punctuation first (`=` before the rest: it is what is usually missing), then kinds ("an
    // identifier"), then categories. A named comparator, not Comparator.comparing: a syntax error
    // is common, and the first lambda costs a cold `pool validate` about 7 ms.
    names.sort(PUNCTUATION_FIRST);
    names.addAll(categories);
    return join(names);
  }

  /** `=` first, then the other punctuation (names in backticks), then the rest; a stable sort. */
  private static final java.util.Comparator<String> PUNCTUATION_FIRST = new PunctuationFirst();

  private static final class PunctuationFirst implements java.util.Comparator<String> {
    @Override
    public int compare(String a, String b) {
      return Integer.compare(rank(a), rank(b));
    }

    private static int rank(String n) {
      if (n.equals("`=`")) return 0;
      return n.startsWith("`") ? 1 : 2;
    }
  }

  private static int countIn(IntervalSet s, IntervalSet of) {
    int n = 0;
    for (int t : of.toList()) if (s.contains(t)) n++;
    return n;
  }

  static String join(List<String> items) {
    if (items.isEmpty()) return "something else";
    if (items.size() == 1) return items.get(0);
    return String.join(", ", items.subList(0, items.size() - 1))
        + " or "
        + items.get(items.size() - 1);
  }
}
