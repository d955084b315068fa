package dev.poolform.compiler.syntax;

import dev.poolform.compiler.ast.SourceUnit;
import dev.poolform.compiler.diag.Code;
import dev.poolform.compiler.diag.DiagnosticSink;
import dev.poolform.grammar.PoolLexer;
import dev.poolform.grammar.PoolParser;
import dev.poolform.source.SourceFile;
import dev.poolform.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * The parse facade: {@code .pool} text to a {@link SourceUnit}, with every problem reported to the
 * sink and nothing thrown.
 *
 * <p>Two stages, as in the Trino parser: the fast SLL prediction with a bail-out strategy, which
 * succeeds on all valid input we have seen; only when it fails (a syntax error, or the rare input
 * that needs full context) is the file parsed again with full LL prediction and the recovering
 * {@link ErrorStrategy}, so errors are reported by the exact algorithm. ANTLR's console listeners
 * are removed from both lexer and parser: only diagnostics reach the user.
 */
public final class Parser {
  private Parser() {}

  /** Parses one file; never throws. Declarations that could not be parsed are left out. */
  public static SourceUnit parse(SourceFile file, DiagnosticSink sink) {
    return parseWithComments(file, sink).unit();
  }

  /** Like {@link #parse}, also returning the comments (for the formatter). */
  public static ParsedFile parseWithComments(SourceFile file, DiagnosticSink sink) {
    Offsets offsets = new Offsets(file);
    SyntaxReporter reporter = new SyntaxReporter(sink);
    Span whole = new Span(file, 0, file.text().length());
    PoolParser parser = null;
    try {
      PoolLexer lexer = lexer(file, reporter);
      CommonTokenStream tokens = new CommonTokenStream(lexer);
      tokens.fill();
      List<Token> all = tokens.getTokens();
      LexicalErrors.report(all, lexer.unterminated(), offsets, reporter);

      Optional<Token> tooDeep = NestingGuard.tooDeep(all);
      if (tooDeep.isPresent()) {
        reporter.report(
            Code.E0106,
            offsets.span(tooDeep.get()),
            "Nesting is too deep: more than "
                + NestingGuard.MAX_DEPTH
                + " levels of brackets, braces and parentheses.");
        return new ParsedFile(new SourceUnit(file, List.of(), whole), List.of());
      }
      List<Comment> comments = comments(all, offsets);
      parser = new PoolParser(tokens);
      PoolParser.FileContext tree = twoStage(parser, tokens, offsets, reporter);
      return new ParsedFile(new DeclBuilder(offsets, reporter).file(tree), comments);
    } catch (StackOverflowError e) {
      Span at = whole;
      if (parser != null) {
        try {
          at = offsets.span(parser.getCurrentToken());
        } catch (RuntimeException | StackOverflowError ignored) {
          // keep the whole-file span
        }
      }
      reporter.report(Code.E0106, at, "Input is nested too deeply to parse.");
      return new ParsedFile(new SourceUnit(file, List.of(), whole), List.of());
    }
  }

  /** A lexer that reports to the sink instead of printing. */
  private static PoolLexer lexer(SourceFile file, SyntaxReporter reporter) {
    PoolLexer lexer = new PoolLexer(CharStreams.fromString(file.text(), file.displayPath()));
    lexer.removeErrorListeners();
    lexer.addErrorListener(
        new BaseErrorListener() {
          @Override
          public void syntaxError(
              Recognizer<?, ?> r,
              Object sym,
              int line,
              int col,
              String msg,
              RecognitionException e) {
            // Unreachable: every mode ends with a catch-all rule. Kept so nothing is printed.
            reporter.report(Code.E0105, new Span(file, 0, 0), "Invalid character.");
          }
        });
    return lexer;
  }

  private static List<Comment> comments(List<Token> all, Offsets offsets) {
    List<Comment> comments = new ArrayList<>();
    for (Token t : all) {
      if (t.getType() == PoolLexer.LINE_COMMENT || t.getType() == PoolLexer.BLOCK_COMMENT) {
        comments.add(new Comment(offsets.span(t), t.getType() == PoolLexer.BLOCK_COMMENT));
      }
    }
    return comments;
  }

  /** SLL with bail-out first; on failure, the same tokens again with LL and error recovery. */
  private static PoolParser.FileContext twoStage(
      PoolParser parser, CommonTokenStream tokens, Offsets offsets, SyntaxReporter reporter) {
    parser.removeErrorListeners();
    parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
    parser.setErrorHandler(new BailErrorStrategy());
    try {
      return parser.file();
    } catch (ParseCancellationException e) {
      tokens.seek(0);
      parser.reset();
      parser.getInterpreter().setPredictionMode(PredictionMode.LL);
      parser.setErrorHandler(new ErrorStrategy(offsets, reporter));
      return parser.file();
    }
  }
}
