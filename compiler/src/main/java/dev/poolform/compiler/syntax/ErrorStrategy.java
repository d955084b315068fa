package dev.poolform.compiler.syntax;

import static dev.poolform.grammar.PoolLexer.*;

import dev.poolform.compiler.diag.Code;
import dev.poolform.compiler.diag.Diagnostic;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.FailedPredicateException;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * ANTLR's recovery (resynchronise on the follow set, single-token deletion) with our messages, and
 * without single-token insertion: inventing a token the user did not write makes the tree look
 * valid and the next phases report nonsense about it.
 *
 * <p>Messages are one sentence: "Expected `=` or `{` after `capacity`, found `}`." A token the
 * lexer already reported (a bad character, malformed literal, unterminated string) is not reported
 * again, nor is the end of a file that ends inside an unterminated string or comment.
 */
final class ErrorStrategy extends DefaultErrorStrategy {
  private final Offsets offsets;
  private final SyntaxReporter reporter;

  ErrorStrategy(Offsets offsets, SyntaxReporter reporter) {
    this.offsets = offsets;
    this.reporter = reporter;
  }

  @Override
  protected boolean singleTokenInsertion(Parser recognizer) {
    return false;
  }

  /**
   * Deleting one token and going on is good for a stray `=` or `,`, bad for a keyword or a brace:
   * they carry the structure, and skipping one (`pool on x {}` would skip `on`) makes everything
   * after it wrong.
   */
  @Override
  protected Token singleTokenDeletion(Parser recognizer) {
    int type = recognizer.getInputStream().LA(1);
    if (TokenNames.isKeyword(type) || type == LBRACE || type == RBRACE) return null;
    return super.singleTokenDeletion(recognizer);
  }

  /**
   * A keyword where a name belongs (`let pool = 1`) is consumed before resynchronising; otherwise
   * recovery would stop right at it and start a bogus `pool` declaration. Only when it is on the
   * line of the token before: a keyword starting a line more likely starts the next declaration
   * after an unfinished one.
   */
  @Override
  public void recover(Parser recognizer, org.antlr.v4.runtime.RecognitionException e) {
    Token t = e.getOffendingToken();
    TokenStream in = recognizer.getInputStream();
    if (t != null
        && TokenNames.isKeyword(t.getType())
        && t.getTokenIndex() == in.index()
        && e.getExpectedTokens() != null
        && e.getExpectedTokens().contains(IDENT)
        && previous(in, t) != null
        && previous(in, t).getLine() == t.getLine()) {
      recognizer.consume();
    }
    super.recover(recognizer, e);
  }

  @Override
  protected void reportNoViableAlternative(Parser recognizer, NoViableAltException e) {
    report(recognizer, e.getOffendingToken(), recognizer.getExpectedTokens());
  }

  @Override
  protected void reportInputMismatch(Parser recognizer, InputMismatchException e) {
    report(recognizer, e.getOffendingToken(), e.getExpectedTokens());
  }

  @Override
  protected void reportFailedPredicate(Parser recognizer, FailedPredicateException e) {
    report(recognizer, e.getOffendingToken(), recognizer.getExpectedTokens());
  }

  @Override
  protected void reportUnwantedToken(Parser recognizer) {
    if (inErrorRecoveryMode(recognizer)) return;
    beginErrorCondition(recognizer);
    report(recognizer, recognizer.getCurrentToken(), getExpectedTokens(recognizer));
  }

  @Override
  protected void reportMissingToken(Parser recognizer) {
    // Only reached through single-token insertion, which is off; keep a sane message anyway.
    if (inErrorRecoveryMode(recognizer)) return;
    beginErrorCondition(recognizer);
    report(recognizer, recognizer.getCurrentToken(), getExpectedTokens(recognizer));
  }

  private void report(Parser recognizer, Token found, IntervalSet expected) {
    if (found == null) found = recognizer.getCurrentToken();
    int type = found.getType();
    if (type == ERROR_CHAR
        || type == BAD_NUMBER
        || type == UNTERMINATED_STRING
        || type == UNTERMINATED_HEREDOC) {
      return;
    }
    if (type == Token.EOF && reporter.unterminatedAtEof()) return;
    StringBuilder msg = new StringBuilder("Expected ");
    msg.append(TokenNames.describe(expected));
    Token prev = previous(recognizer.getInputStream(), found);
    if (TokenNames.goodAnchor(prev)) {
      msg.append(" after `").append(prev.getText()).append('`');
    }
    boolean keywordAsName = expected.contains(IDENT) && TokenNames.isKeyword(type);
    msg.append(", found ")
        .append(keywordAsName ? "the keyword " : "")
        .append(TokenNames.foundName(found))
        .append('.');
    Token unclosed = type == Token.EOF ? unclosedBracket(recognizer.getInputStream(), found) : null;
    if (unclosed != null && expected.contains(closerOf(unclosed.getType()))) {
      // At the end of the file the useful fact is which bracket was never closed.
      String close = TokenNames.expectedName(closerOf(unclosed.getType()));
      msg =
          new StringBuilder("Expected ")
              .append(close)
              .append(" to close the `")
              .append(unclosed.getText())
              .append("` on line ")
              .append(unclosed.getLine())
              .append(", found end of file.");
    }
    Diagnostic d = Diagnostic.of(Code.E0101, offsets.span(found), msg.toString());
    if (unclosed != null && msg.indexOf(" to close the ") > 0) {
      d = d.withNote(offsets.span(unclosed), "This `" + unclosed.getText() + "` is never closed.");
    }
    if (expected.contains(IMPORT) && expected.contains(POOL) && expected.contains(CLOUD)) {
      d =
          d.withHelp(
              "A declaration starts with `import`, `cloud`, `let`, `template`, `pool`, `moved`,"
                  + " `for`, `if` or `state`.");
    }
    Token dot = next(recognizer.getInputStream(), found);
    Token name = dot == null ? null : next(recognizer.getInputStream(), dot);
    if (keywordAsName && type == POOL && dot != null && dot.getType() == DOT) {
      // `after = [pool.db]`, as Terraform's depends_on is written: an address is not a value.
      String n = name != null && name.getType() == IDENT ? name.getText() : "NAME";
      d =
          d.withHelp(
              "A pool address is not a value: name the pool with a string, `\""
                  + n
                  + "\"` or `\"pool."
                  + n
                  + "\"`.");
    } else if (keywordAsName && prev != null && prev.getLine() == found.getLine()) {
      // A keyword starting a line more likely starts the next declaration after an unfinished one
      // (`let size =` then `pool "b" ...`) than names something.
      d = d.withHelp("`" + found.getText() + "` is a keyword; choose another name.");
    }
    reporter.report(d);
  }

  private static int closerOf(int open) {
    return switch (open) {
      case LBRACE, INTERP_START -> RBRACE;
      case LBRACK -> RBRACK;
      default -> RPAREN;
    };
  }

  /** The innermost bracket still open before {@code end}, or null. */
  private static Token unclosedBracket(TokenStream tokens, Token end) {
    java.util.ArrayDeque<Token> open = new java.util.ArrayDeque<>();
    for (int i = 0; i < end.getTokenIndex(); i++) {
      Token t = tokens.get(i);
      if (t.getChannel() != Token.DEFAULT_CHANNEL) continue;
      switch (t.getType()) {
        case LBRACE, LBRACK, LPAREN, INTERP_START -> open.push(t);
        case RBRACE, RBRACK, RPAREN -> {
          if (!open.isEmpty()) open.pop();
        }
        default -> {}
      }
    }
    return open.peek();
  }

  /** The default-channel token before {@code t}, or null at the start. */
  /** The first token on the default channel after {@code t}, or null. */
  private static Token next(TokenStream tokens, Token t) {
    for (int i = t.getTokenIndex() + 1; i < tokens.size(); i++) {
      Token n = tokens.get(i);
      if (n.getChannel() == Token.DEFAULT_CHANNEL) return n;
    }
    return null;
  }

  private static Token previous(TokenStream tokens, Token t) {
    for (int i = t.getTokenIndex() - 1; i >= 0; i--) {
      Token p = tokens.get(i);
      if (p.getChannel() == Token.DEFAULT_CHANNEL) return p;
    }
    return null;
  }
}
