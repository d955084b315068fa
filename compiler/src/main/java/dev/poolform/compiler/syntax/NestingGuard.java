package dev.poolform.compiler.syntax;

import static dev.poolform.grammar.PoolLexer.*;

import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.Token;

/**
 * Refuses input nested deeper than {@link #MAX_DEPTH} brackets, braces, parentheses and
 * interpolations before the recursive-descent parser sees it: 100,000 {@code [} would otherwise
 * overflow the stack. No real configuration comes close to the limit.
 */
final class NestingGuard {
  static final int MAX_DEPTH = 128;

  private NestingGuard() {}

  /** The first token that opens one level too many, if any. */
  static Optional<Token> tooDeep(List<Token> tokens) {
    int depth = 0;
    for (Token t : tokens) {
      if (t.getChannel() != Token.DEFAULT_CHANNEL) continue;
      switch (t.getType()) {
        case LBRACE:
        case LBRACK:
        case LPAREN:
        case INTERP_START:
          if (++depth > MAX_DEPTH) return Optional.of(t);
          break;
        case RBRACE:
        case RBRACK:
        case RPAREN:
          if (depth > 0) depth--;
          break;
        default:
          break;
      }
    }
    return Optional.empty();
  }
}
