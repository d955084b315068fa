package dev.poolform.compiler.syntax;

import dev.poolform.compiler.syntax.lexer.Lexer;
import dev.poolform.grammar.PoolParser;
import dev.poolform.source.SourceFile;
import dev.poolform.source.Span;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.Token;

/**
 * The tokens of a file as the compiler's own lexer sees them, without comments: what an editor
 * looks at right before the cursor while the line is still being written (after {@code on}, after
 * {@code =}), where the syntax tree cannot help yet because the text does not parse.
 */
public final class Lexemes {
  private Lexemes() {}

  /**
   * One token.
   *
   * @param type the token's name in PoolLexer.g4 ({@code ON}, {@code IDENT}, {@code ASSIGN}, ...)
   */
  public record Lexeme(String type, Span span) {
    public String text() {
      return span.text();
    }
  }

  /** Every token of {@code file} in order, comments and the end-of-file token left out. */
  public static List<Lexeme> of(SourceFile file) {
    Offsets offsets = new Offsets(file);
    Lexer lexer = new Lexer(file.text(), file.displayPath());
    List<Lexeme> out = new ArrayList<>();
    for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
      if (t.getChannel() != Token.DEFAULT_CHANNEL) continue;
      out.add(new Lexeme(PoolParser.VOCABULARY.getSymbolicName(t.getType()), offsets.span(t)));
    }
    return out;
  }

  /** The index of the last token that ends at or before {@code offset}, or -1. */
  public static int before(List<Lexeme> lexemes, int offset) {
    int lo = 0;
    int hi = lexemes.size() - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (lexemes.get(mid).span().end() <= offset) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }
}
