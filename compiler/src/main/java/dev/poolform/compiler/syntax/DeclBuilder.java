package dev.poolform.compiler.syntax;

import dev.poolform.compiler.ast.Body;
import dev.poolform.compiler.ast.BodyItem;
import dev.poolform.compiler.ast.Decl;
import dev.poolform.compiler.ast.Expr;
import dev.poolform.compiler.ast.Ident;
import dev.poolform.compiler.ast.SourceUnit;
import dev.poolform.compiler.ast.StringExpr;
import dev.poolform.compiler.diag.Code;
import dev.poolform.grammar.PoolParser;
import dev.poolform.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ErrorNode;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Builds declarations and bodies from the parse tree. A declaration or body item whose name or
 * braces are missing (a syntax error, already reported) is dropped rather than guessed at, so the
 * later phases do not report follow-on errors about it.
 */
final class DeclBuilder {
  private final Offsets offsets;
  private final SyntaxReporter reporter;
  private final ExprBuilder exprs;

  DeclBuilder(Offsets offsets, SyntaxReporter reporter) {
    this.offsets = offsets;
    this.reporter = reporter;
    this.exprs = new ExprBuilder(offsets, reporter);
  }

  // file : decl* EOF ;
  SourceUnit file(PoolParser.FileContext ctx) {
    List<Decl> decls = decls(ctx.decl());
    return new SourceUnit(offsets.file(), decls, wholeFile());
  }

  Span wholeFile() {
    return new Span(offsets.file(), 0, offsets.file().text().length());
  }

  private List<Decl> decls(List<PoolParser.DeclContext> ctxs) {
    List<Decl> out = new ArrayList<>();
    for (PoolParser.DeclContext d : ctxs) {
      exprs.resetDepthReport();
      try {
        Decl decl = decl(d);
        if (decl != null) out.add(decl);
      } catch (StackOverflowError e) {
        // Chains the nesting guard cannot see (thousands of unary `-` or `? :` in a row).
        reporter.report(
            Code.E0106, offsets.span(d.getStart()), "Declaration is nested too deeply to compile.");
      }
    }
    return out;
  }

  // decl : importDecl | cloudDecl | letDecl | templateDecl | poolDecl | forDecl | ifDecl
  //      | stateDecl | variableDecl ;
  private Decl decl(PoolParser.DeclContext ctx) {
    if (ctx.importDecl() != null) return importDecl(ctx.importDecl());
    if (ctx.cloudDecl() != null) return cloudDecl(ctx.cloudDecl());
    if (ctx.letDecl() != null) return letDecl(ctx.letDecl());
    if (ctx.templateDecl() != null) return templateDecl(ctx.templateDecl());
    if (ctx.poolDecl() != null) return poolDecl(ctx.poolDecl());
    if (ctx.movedDecl() != null) return movedDecl(ctx.movedDecl());
    if (ctx.forDecl() != null) return forDecl(ctx.forDecl());
    if (ctx.ifDecl() != null) return ifDecl(ctx.ifDecl());
    if (ctx.stateDecl() != null) return stateDecl(ctx.stateDecl());
    if (ctx.variableDecl() != null) return variableDecl(ctx.variableDecl());
    return null;
  }

  // importDecl : IMPORT string ;
  private Decl importDecl(PoolParser.ImportDeclContext ctx) {
    if (ctx.string() == null) return null;
    // A broken path (unterminated, bad escape) was reported; importing a wrong file would not help.
    if (!(exprs.strings().quotedExpr(ctx.string()) instanceof StringExpr path)) return null;
    return new Decl.Import(path, exprs.span(ctx));
  }

  // cloudDecl : CLOUD kind=IDENT name=IDENT body ;
  private Decl cloudDecl(PoolParser.CloudDeclContext ctx) {
    Ident kind = exprs.ident(ctx.kind);
    Ident name = exprs.ident(ctx.name);
    Body body = body(ctx.body());
    if (kind == null || name == null || body == null) return null;
    return new Decl.Cloud(kind, name, body, exprs.span(ctx));
  }

  // stateDecl : STATE kind=IDENT body ;
  private Decl stateDecl(PoolParser.StateDeclContext ctx) {
    Ident kind = exprs.ident(ctx.kind);
    Body body = body(ctx.body());
    if (kind == null || body == null) return null;
    return new Decl.State(kind, body, exprs.span(ctx));
  }

  // letDecl : LET IDENT ASSIGN expr ;
  private Decl letDecl(PoolParser.LetDeclContext ctx) {
    Ident name = exprs.ident(ctx.IDENT());
    if (name == null || ctx.ASSIGN() == null) return null;
    Expr value = exprs.build(ctx.expr(), exprs.span(ctx));
    return new Decl.Let(name, value, exprs.span(ctx));
  }

  // templateDecl : TEMPLATE IDENT fromClause? body ;
  private Decl templateDecl(PoolParser.TemplateDeclContext ctx) {
    Ident name = exprs.ident(ctx.IDENT());
    Body body = body(ctx.body());
    if (name == null || body == null) return null;
    return new Decl.Template(name, from(ctx.fromClause()), body, exprs.span(ctx));
  }

  // poolDecl : POOL expr fromClause? ON expr body ;
  private Decl poolDecl(PoolParser.PoolDeclContext ctx) {
    Body body = body(ctx.body());
    if (ctx.ON() == null || ctx.expr().size() < 2 || body == null) return null;
    Span span = exprs.span(ctx);
    Expr name = exprs.build(ctx.expr(0), span);
    Expr on = exprs.build(ctx.expr(1), span);
    return new Decl.Pool(name, from(ctx.fromClause()), on, body, span);
  }

  // movedDecl : MOVED LBRACE (movedItem COMMA?)* RBRACE ;
  private Decl movedDecl(PoolParser.MovedDeclContext ctx) {
    if (ctx.LBRACE() == null) return null;
    Span span = exprs.span(ctx);
    Decl.Moved.Address from = null;
    Decl.Moved.Address to = null;
    boolean broken = false;
    for (PoolParser.MovedItemContext item : ctx.movedItem()) {
      if (item.key == null || item.ASSIGN() == null || item.movedAddress() == null) {
        broken = true;
        continue;
      }
      String key = item.key.getText();
      Span keySpan = offsets.span(item.key);
      Decl.Moved.Address address = movedAddress(item.movedAddress());
      if (address == null) {
        broken = true;
      } else if (!key.equals("from") && !key.equals("to")) {
        reporter.report(
            Code.E0302,
            keySpan,
            "Unknown attribute `" + key + "` in `moved`: it takes `from` and `to`.");
        broken = true;
      } else if (key.equals("from") ? from != null : to != null) {
        reporter.report(Code.E0304, keySpan, "`" + key + "` is given twice in this `moved` block.");
        broken = true;
      } else if (key.equals("from")) {
        from = address;
      } else {
        to = address;
      }
    }
    if (broken) return null;
    if (from == null || to == null) {
      reporter.report(
          Code.E0303,
          offsets.span(ctx.MOVED().getSymbol()),
          "`moved` needs both `from` and `to` (`moved { from = pool.old  to = pool.new }`).");
      return null;
    }
    return new Decl.Moved(from, to, span);
  }

  // movedAddress : POOL DOT movedWord (MINUS movedWord)* ;
  // A name with `-` is several tokens; they must touch, as in `pool.web-prod`.
  private Decl.Moved.Address movedAddress(PoolParser.MovedAddressContext ctx) {
    if (ctx.DOT() == null || ctx.movedWord().isEmpty()) return null;
    StringBuilder name = new StringBuilder();
    Token previous = null;
    for (int i = 0; i < ctx.getChildCount(); i++) {
      ParseTree child = ctx.getChild(i);
      if (child instanceof ErrorNode) return null; // reported by the parser
      Token t =
          child instanceof TerminalNode n ? n.getSymbol() : ((ParserRuleContext) child).getStart();
      if (t == null || t.getType() == Token.EOF) return null;
      if (previous != null && t.getStartIndex() != previous.getStopIndex() + 1) {
        reporter.report(
            Code.E0101,
            offsets.span(previous, t),
            "Write an address in `moved` without spaces: `pool.NAME`, as in `pool.web-prod`.");
        return null;
      }
      if (i >= 2) name.append(t.getText()); // after `pool` and `.`
      previous = t;
    }
    return new Decl.Moved.Address(name.toString(), exprs.span(ctx));
  }

  // fromClause : FROM IDENT (COMMA IDENT)* ;
  private List<Ident> from(PoolParser.FromClauseContext ctx) {
    List<Ident> out = new ArrayList<>();
    if (ctx == null) return out;
    for (TerminalNode n : ctx.IDENT()) {
      Ident id = exprs.ident(n);
      if (id != null) out.add(id);
    }
    return out;
  }

  // forDecl : FOR first=IDENT (COMMA second=IDENT)? IN expr declBlock ;
  private Decl forDecl(PoolParser.ForDeclContext ctx) {
    Ident first = exprs.ident(ctx.first);
    Ident second = exprs.ident(ctx.second);
    if (first == null || ctx.IN() == null || ctx.declBlock() == null || !closed(ctx.declBlock())) {
      return null;
    }
    Span span = exprs.span(ctx);
    Expr iterable = exprs.build(ctx.expr(), span);
    List<Decl> body = decls(ctx.declBlock().decl());
    if (second != null) return new Decl.For(Optional.of(first), second, iterable, body, span);
    return new Decl.For(Optional.empty(), first, iterable, body, span);
  }

  // ifDecl : IF expr declBlock (ELSE (declBlock | ifDecl))? ;
  private Decl ifDecl(PoolParser.IfDeclContext ctx) {
    if (ctx.declBlock().isEmpty() || !closed(ctx.declBlock(0))) return null;
    Span span = exprs.span(ctx);
    Expr cond = exprs.build(ctx.expr(), span);
    List<Decl> then = decls(ctx.declBlock(0).decl());
    List<Decl> otherwise = List.of();
    if (ctx.ELSE() != null) {
      if (ctx.ifDecl() != null) {
        Decl nested = ifDecl(ctx.ifDecl());
        otherwise = nested == null ? List.of() : List.of(nested);
      } else if (ctx.declBlock().size() > 1) {
        otherwise = decls(ctx.declBlock(1).decl());
      }
    }
    return new Decl.If(cond, then, otherwise, span);
  }

  // variableDecl : VARIABLE string variableBody ;
  // variableBody : LBRACE (variableItem COMMA?)* RBRACE ;
  private Decl variableDecl(PoolParser.VariableDeclContext ctx) {
    if (ctx.string() == null || ctx.variableBody() == null) return null;
    if (!(exprs.strings().quotedExpr(ctx.string()) instanceof StringExpr label)) return null;
    PoolParser.VariableBodyContext b = ctx.variableBody();
    if (b.LBRACE() == null) return null;
    List<BodyItem> items = new ArrayList<>();
    for (PoolParser.VariableItemContext item : b.variableItem()) {
      BodyItem built = variableItem(item);
      if (built != null) items.add(built);
    }
    return new Decl.Variable(label, new Body(items, exprs.span(b)), exprs.span(ctx));
  }

  // variableItem : {typeAttribute()}? IDENT ASSIGN typeExpr | bodyItem ;
  private BodyItem variableItem(PoolParser.VariableItemContext ctx) {
    if (ctx instanceof PoolParser.VariableOtherContext other) return bodyItem(other.bodyItem());
    // Error recovery may leave an item that matched neither alternative (a syntax error said so).
    if (!(ctx instanceof PoolParser.VariableTypeContext t)) return null;
    Ident name = exprs.ident(t.IDENT());
    if (name == null || t.ASSIGN() == null) return null;
    Span span = exprs.span(t);
    Expr type = exprs.typeRef(t.typeExpr());
    return new BodyItem.Attribute(name, type == null ? new Expr.Invalid(span) : type, span);
  }

  // varsFile : (varAssignment COMMA?)* EOF ;
  // varAssignment : IDENT ASSIGN expr ;
  List<BodyItem.Attribute> varsFile(PoolParser.VarsFileContext ctx) {
    List<BodyItem.Attribute> out = new ArrayList<>();
    for (PoolParser.VarAssignmentContext a : ctx.varAssignment()) {
      exprs.resetDepthReport();
      Ident name = exprs.ident(a.IDENT());
      if (name == null || a.ASSIGN() == null) continue;
      Span span = exprs.span(a);
      out.add(new BodyItem.Attribute(name, exprs.build(a.expr(), span), span));
    }
    return out;
  }

  // valueOnly : expr EOF ;
  Expr valueOnly(PoolParser.ValueOnlyContext ctx) {
    return exprs.build(ctx.expr(), wholeFile());
  }

  private static boolean closed(PoolParser.DeclBlockContext ctx) {
    return ctx.LBRACE() != null;
  }

  // body : LBRACE (bodyItem COMMA?)* RBRACE ;
  private Body body(PoolParser.BodyContext ctx) {
    if (ctx == null || ctx.LBRACE() == null) return null;
    List<BodyItem> items = new ArrayList<>();
    for (PoolParser.BodyItemContext item : ctx.bodyItem()) {
      BodyItem built = bodyItem(item);
      if (built != null) items.add(built);
    }
    return new Body(items, exprs.span(ctx));
  }

  // bodyItem : IDENT (ASSIGN expr | body) ;
  private BodyItem bodyItem(PoolParser.BodyItemContext ctx) {
    Ident name = exprs.ident(ctx.IDENT());
    if (name == null) return null;
    Span span = exprs.span(ctx);
    if (ctx.ASSIGN() != null) {
      return new BodyItem.Attribute(name, exprs.build(ctx.expr(), span), span);
    }
    Body body = body(ctx.body());
    return body == null ? null : new BodyItem.Block(name, body, span);
  }
}
