package dev.poolform.compiler.syntax;

import static dev.poolform.grammar.PoolLexer.*;

import dev.poolform.compiler.ast.Expr;
import dev.poolform.compiler.ast.Ident;
import dev.poolform.compiler.ast.MapEntry;
import dev.poolform.compiler.ast.StringExpr;
import dev.poolform.compiler.ast.StringPart;
import dev.poolform.compiler.diag.Code;
import dev.poolform.compiler.diag.Diagnostic;
import dev.poolform.grammar.PoolParser;
import dev.poolform.grammar.PoolParserBaseVisitor;
import dev.poolform.source.Span;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Builds {@link Expr} nodes from the parse tree. Missing pieces (after a syntax error that was
 * already reported) become {@link Expr.Invalid}. Expressions deeper than {@link #MAX_DEPTH} (a sum
 * of thousands of terms is a left-deep tree) are cut off with E0106, which also protects the later
 * phases, which walk the tree recursively.
 */
final class ExprBuilder extends PoolParserBaseVisitor<Expr> {
  static final int MAX_DEPTH = 400;

  private final Offsets offsets;
  private final SyntaxReporter reporter;
  private final LiteralDecoder literals;
  private final StringDecoder strings;
  private int depth;
  private boolean depthReported;

  ExprBuilder(Offsets offsets, SyntaxReporter reporter) {
    this.offsets = offsets;
    this.reporter = reporter;
    this.literals = new LiteralDecoder(reporter);
    this.strings = new StringDecoder(offsets, reporter, this);
  }

  StringDecoder strings() {
    return strings;
  }

  /** Called per declaration: each may report its own "too deep" once. */
  void resetDepthReport() {
    depthReported = false;
  }

  Span span(ParserRuleContext ctx) {
    return offsets.span(ctx.getStart(), ctx.getStop());
  }

  Ident ident(TerminalNode n) {
    if (n == null || n.getSymbol().getTokenIndex() < 0) return null;
    return new Ident(n.getText(), offsets.span(n.getSymbol()));
  }

  Ident ident(Token t) {
    if (t == null || t.getTokenIndex() < 0) return null;
    return new Ident(t.getText(), offsets.span(t));
  }

  /** The expression of {@code ctx}, or {@link Expr.Invalid} at {@code fallback} when missing. */
  Expr build(PoolParser.ExprContext ctx, Span fallback) {
    if (ctx == null) return new Expr.Invalid(fallback);
    Span span = span(ctx);
    if (depth >= MAX_DEPTH) {
      if (!depthReported) {
        depthReported = true;
        reporter.report(
            Code.E0106,
            span,
            "Expression is nested too deeply (more than " + MAX_DEPTH + " levels).");
      }
      return new Expr.Invalid(span);
    }
    depth++;
    try {
      Expr e = ctx.accept(this);
      return e == null ? new Expr.Invalid(span) : e;
    } finally {
      depth--;
    }
  }

  private Expr build(PoolParser.ExprContext ctx, ParserRuleContext parent) {
    return build(ctx, span(parent));
  }

  // expr : primary
  @Override
  public Expr visitPrimaryExpr(PoolParser.PrimaryExprContext ctx) {
    if (ctx.primary() == null) return new Expr.Invalid(span(ctx));
    Expr e = ctx.primary().accept(this);
    return e == null ? new Expr.Invalid(span(ctx)) : e;
  }

  // expr : expr DOT IDENT
  @Override
  public Expr visitMemberExpr(PoolParser.MemberExprContext ctx) {
    Ident name = ident(ctx.IDENT());
    Expr target = build(ctx.expr(), ctx);
    if (name == null) return new Expr.Invalid(span(ctx));
    return new Expr.Member(target, name, span(ctx));
  }

  // expr : expr LBRACK expr RBRACK
  @Override
  public Expr visitIndexExpr(PoolParser.IndexExprContext ctx) {
    return new Expr.Index(build(ctx.expr(0), ctx), build(ctx.expr(1), ctx), span(ctx));
  }

  // expr : op=(MINUS | NOT) expr
  // A minus directly before an integer or number literal is part of the literal, so that
  // -9223372036854775808 is representable and `-3` is an int literal (docs/language.md#literals).
  @Override
  public Expr visitUnaryExpr(PoolParser.UnaryExprContext ctx) {
    Span span = span(ctx);
    if (ctx.op.getType() == MINUS
        && ctx.expr() instanceof PoolParser.PrimaryExprContext pe
        && pe.primary() instanceof PoolParser.LiteralContext lit
        && (lit.lit.getType() == INT || lit.lit.getType() == NUMBER)) {
      String text = "-" + lit.lit.getText();
      return lit.lit.getType() == INT ? literals.integer(text, span) : literals.number(text, span);
    }
    Expr.UnaryOp op = ctx.op.getType() == MINUS ? Expr.UnaryOp.NEG : Expr.UnaryOp.NOT;
    return new Expr.Unary(op, build(ctx.expr(), ctx), span);
  }

  // expr : expr op=(STAR | SLASH | PERCENT_OP | PLUS | MINUS | LT | LE | GT | GE | EQ | NE | AND |
  // OR) expr
  @Override
  public Expr visitBinaryExpr(PoolParser.BinaryExprContext ctx) {
    Expr.BinaryOp op =
        switch (ctx.op.getType()) {
          case STAR -> Expr.BinaryOp.MUL;
          case SLASH -> Expr.BinaryOp.DIV;
          case PERCENT_OP -> Expr.BinaryOp.MOD;
          case PLUS -> Expr.BinaryOp.ADD;
          case MINUS -> Expr.BinaryOp.SUB;
          case LT -> Expr.BinaryOp.LT;
          case LE -> Expr.BinaryOp.LE;
          case GT -> Expr.BinaryOp.GT;
          case GE -> Expr.BinaryOp.GE;
          case EQ -> Expr.BinaryOp.EQ;
          case NE -> Expr.BinaryOp.NE;
          case AND -> Expr.BinaryOp.AND;
          default -> Expr.BinaryOp.OR;
        };
    return new Expr.Binary(op, build(ctx.expr(0), ctx), build(ctx.expr(1), ctx), span(ctx));
  }

  // expr : <assoc=right> expr QUESTION expr COLON expr
  @Override
  public Expr visitConditionalExpr(PoolParser.ConditionalExprContext ctx) {
    return new Expr.Conditional(
        build(ctx.expr(0), ctx), build(ctx.expr(1), ctx), build(ctx.expr(2), ctx), span(ctx));
  }

  // primary : lit=(INT | NUMBER | DURATION | PERCENT | BYTES | TRUE | FALSE | NULL | EXTERNAL)
  @Override
  public Expr visitLiteral(PoolParser.LiteralContext ctx) {
    Token t = ctx.lit;
    String text = t.getText();
    Span span = offsets.span(t);
    return switch (t.getType()) {
      case INT -> literals.integer(text, span);
      case NUMBER -> literals.number(text, span);
      case DURATION -> literals.duration(text, span);
      case PERCENT -> literals.percent(text, span);
      case BYTES -> literals.bytes(text, span);
      case TRUE -> new Expr.Literal(Expr.LiteralKind.BOOL, true, text, span);
      case FALSE -> new Expr.Literal(Expr.LiteralKind.BOOL, false, text, span);
      case NULL -> new Expr.Literal(Expr.LiteralKind.NULL, null, text, span);
      default -> new Expr.Literal(Expr.LiteralKind.EXTERNAL, null, text, span);
    };
  }

  // primary : string
  @Override
  public Expr visitStringPrimary(PoolParser.StringPrimaryContext ctx) {
    return strings.quotedExpr(ctx.string());
  }

  // primary : heredoc
  @Override
  public Expr visitHeredocPrimary(PoolParser.HeredocPrimaryContext ctx) {
    return strings.heredocExpr(ctx.heredoc());
  }

  // primary : LBRACK (expr (COMMA expr)* COMMA?)? RBRACK
  @Override
  public Expr visitListLiteral(PoolParser.ListLiteralContext ctx) {
    List<Expr> items = new ArrayList<>();
    for (PoolParser.ExprContext e : ctx.expr()) items.add(build(e, ctx));
    return new Expr.ListExpr(items, span(ctx));
  }

  // primary : LBRACE (mapEntry COMMA?)* RBRACE
  // mapEntry : (IDENT | string) ASSIGN expr
  // A bare key is stored as a constant string (with bareKey set), so later phases treat both
  // key forms alike and the formatter still knows how it was written.
  @Override
  public Expr visitMapLiteral(PoolParser.MapLiteralContext ctx) {
    List<MapEntry> entries = new ArrayList<>();
    for (PoolParser.MapEntryContext me : ctx.mapEntry()) {
      Span span = span(me);
      Expr key;
      boolean bare;
      if (me.IDENT() != null) {
        Ident id = ident(me.IDENT());
        key =
            new StringExpr(
                List.of(new StringPart.Text(id.name(), id.span())),
                StringExpr.Heredoc.NONE,
                id.span());
        bare = true;
      } else if (me.string() != null) {
        key = strings.quoted(me.string());
        bare = false;
      } else {
        continue;
      }
      if (me.ASSIGN() == null) continue;
      entries.add(new MapEntry(key, bare, build(me.expr(), me), span));
    }
    return new Expr.MapExpr(entries, span(ctx));
  }

  // primary : IDENT (LPAREN (expr (COMMA expr)* COMMA?)? RPAREN)?
  @Override
  public Expr visitNameOrCall(PoolParser.NameOrCallContext ctx) {
    Ident name = ident(ctx.IDENT());
    if (ctx.LPAREN() == null) return new Expr.Name(name.name(), name.span());
    List<Expr> args = new ArrayList<>();
    for (PoolParser.ExprContext e : ctx.expr()) args.add(build(e, ctx));
    return new Expr.Call(name, args, span(ctx));
  }

  // primary : VAR DOT IDENT
  @Override
  public Expr visitVarRef(PoolParser.VarRefContext ctx) {
    Ident name = ident(ctx.IDENT());
    if (name == null) return new Expr.Invalid(span(ctx));
    return new Expr.Var(name, span(ctx));
  }

  /**
   * {@code pool.db} where a value belongs ({@code after = [pool.db]}, as Terraform's {@code
   * depends_on} is written). The grammar accepts it so that it is one error at the address, rather
   * than a parse error at {@code pool} followed by recovery's echoes; no expression has a pool as
   * its value.
   */
  @Override
  public Expr visitPoolAddress(PoolParser.PoolAddressContext ctx) {
    Ident ident = ident(ctx.IDENT());
    if (ident == null) return new Expr.Invalid(span(ctx)); // `pool.` alone: already reported
    String name = ident.name();
    reporter.report(
        Diagnostic.of(
                Code.E0101,
                span(ctx),
                "`pool." + name + "` is a pool address, and an address is not a value.")
            .withHelp(
                "Name the pool with a string: `\"" + name + "\"` or `\"pool." + name + "\"`."));
    return new Expr.Invalid(span(ctx));
  }

  // typeExpr : IDENT (LT typeExpr GT)? ;
  /** A type as written; null when its name is missing (a syntax error, already reported). */
  Expr.TypeRef typeRef(PoolParser.TypeExprContext ctx) {
    if (ctx == null) return null;
    Ident name = ident(ctx.IDENT());
    if (name == null) return null;
    java.util.Optional<Expr.TypeRef> element = java.util.Optional.empty();
    if (ctx.LT() != null) {
      Expr.TypeRef e = typeRef(ctx.typeExpr());
      if (e == null || ctx.GT() == null) return null;
      element = java.util.Optional.of(e);
    }
    return new Expr.TypeRef(name, element, span(ctx));
  }

  // primary : LPAREN expr RPAREN
  @Override
  public Expr visitParenExpr(PoolParser.ParenExprContext ctx) {
    return new Expr.Paren(build(ctx.expr(), ctx), span(ctx));
  }

  // primary : bad=(BAD_NUMBER | ERROR_CHAR)   -- already reported by LexicalErrors
  @Override
  public Expr visitBadPrimary(PoolParser.BadPrimaryContext ctx) {
    return new Expr.Invalid(span(ctx));
  }
}
