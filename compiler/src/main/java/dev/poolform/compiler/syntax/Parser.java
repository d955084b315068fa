package dev.poolform.compiler.syntax;

import static dev.poolform.grammar.PoolLexer.BLOCK_COMMENT;
import static dev.poolform.grammar.PoolLexer.LINE_COMMENT;

import dev.poolform.compiler.ast.BodyItem;
import dev.poolform.compiler.ast.Expr;
import dev.poolform.compiler.ast.SourceUnit;
import dev.poolform.compiler.diag.Code;
import dev.poolform.compiler.diag.DiagnosticSink;
import dev.poolform.compiler.syntax.lexer.Lexer;
import dev.poolform.grammar.PoolParser;
import dev.poolform.source.SourceFile;
import dev.poolform.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CommonTokenStream;
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
 * are removed from the parser: only diagnostics reach the user. The tokens come from the
 * hand-written {@link Lexer}, which reads exactly as PoolLexer.g4 does without interpreting its ATN
 * at start-up.
 */
public final class Parser {
  private Parser() {}

  /** Parses one file; never throws. Declarations that could not be parsed are left out. */
  public static SourceUnit parse(SourceFile file, DiagnosticSink sink) {
    return parseWithComments(file, sink).unit();
  }

  /** Like {@link #parse}, also returning the comments (for the formatter). */
  public static ParsedFile parseWithComments(SourceFile file, DiagnosticSink sink) {
    SourceUnit empty = new SourceUnit(file, List.of(), new Span(file, 0, file.text().length()));
    return run(file, sink, new ParsedFile(empty, List.of()), FILE);
  }

  /**
   * Parses a {@code .poolvars} file: its {@code name = value} assignments in order. Never throws;
   * assignments that could not be parsed are left out.
   */
  public static List<BodyItem.Attribute> parseVars(SourceFile file, DiagnosticSink sink) {
    return run(file, sink, List.of(), VARS_FILE);
  }

  /** Parses a file holding one value alone (a {@code --var} value); never throws. */
  public static Expr parseValue(SourceFile file, DiagnosticSink sink) {
    Expr invalid = new Expr.Invalid(new Span(file, 0, file.text().length()));
    return run(file, sink, invalid, VALUE_ONLY);
  }

  /** One start rule of the grammar, and what to build from its tree. */
  private interface Entry<T> {
    T parse(PoolParser parser, DeclBuilder builder, List<Comment> comments);
  }

  // The entries are classes, not lambdas: parsing is on every compilation's start path, where
  // linking a lambda costs a cold `pool validate` the set-up of java.lang.invoke
  // (docs/BENCHMARKS.md#cold-start).

  private static final Entry<ParsedFile> FILE =
      new Entry<>() {
        @Override
        public ParsedFile parse(PoolParser parser, DeclBuilder builder, List<Comment> comments) {
          return new ParsedFile(builder.file(parser.file()), comments);
        }
      };

  private static final Entry<List<BodyItem.Attribute>> VARS_FILE =
      new Entry<>() {
        @Override
        public List<BodyItem.Attribute> parse(
            PoolParser parser, DeclBuilder builder, List<Comment> comments) {
          return builder.varsFile(parser.varsFile());
        }
      };

  private static final Entry<Expr> VALUE_ONLY =
      new Entry<>() {
        @Override
        public Expr parse(PoolParser parser, DeclBuilder builder, List<Comment> comments) {
          return builder.valueOnly(parser.valueOnly());
        }
      };

  /**
   * Lexes, checks nesting, parses with {@code entry} and builds the result; {@code empty} is what a
   * file too deep to parse gives.
   */
  private static <T> T run(SourceFile file, DiagnosticSink sink, T empty, Entry<T> entry) {
    Offsets offsets = new Offsets(file);
    SyntaxReporter reporter = new SyntaxReporter(sink);
    Span whole = new Span(file, 0, file.text().length());
    PoolParser parser = null;
    try {
      Lexer lexer = new Lexer(file.text(), file.displayPath());
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
        return empty;
      }
      List<Comment> comments = comments(all, offsets);
      parser = new PoolParser(tokens);
      DeclBuilder builder = new DeclBuilder(offsets, reporter);
      return twoStage(parser, tokens, offsets, reporter, entry, builder, comments);
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
      return empty;
    }
  }

  private static List<Comment> comments(List<Token> all, Offsets offsets) {
    List<Comment> comments = new ArrayList<>();
    for (Token t : all) {
      if (t.getType() == LINE_COMMENT || t.getType() == BLOCK_COMMENT) {
        comments.add(new Comment(offsets.span(t), t.getType() == BLOCK_COMMENT));
      }
    }
    return comments;
  }

  /**
   * SLL with bail-out first; on failure, the same tokens again with LL and error recovery. {@code
   * entry} runs the start rule and builds from its tree; the build happens after a successful parse
   * only, so nothing is built twice.
   */
  private static <T> T twoStage(
      PoolParser parser,
      CommonTokenStream tokens,
      Offsets offsets,
      SyntaxReporter reporter,
      Entry<T> entry,
      DeclBuilder builder,
      List<Comment> comments) {
    parser.removeErrorListeners();
    parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
    parser.setErrorHandler(new BailErrorStrategy());
    try {
      return entry.parse(parser, builder, comments);
    } catch (ParseCancellationException e) {
      tokens.seek(0);
      parser.reset();
      parser.getInterpreter().setPredictionMode(PredictionMode.LL);
      parser.setErrorHandler(new ErrorStrategy(offsets, reporter));
      return entry.parse(parser, builder, comments);
    }
  }
}
