package dev.poolform.compiler.format;

import dev.poolform.compiler.ast.Decl;
import dev.poolform.compiler.ast.Ident;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Prints declarations: {@code import}, {@code let}, {@code cloud}, {@code template}, {@code pool},
 * {@code variable}, {@code moved}, {@code for} and {@code if}/{@code else}. A header (everything
 * before the body's brace) with a comment inside prints as written. A one-line {@code for}/{@code
 * if} block holds at most one declaration.
 */
final class DeclLayout {
  private final SourceText source;
  private final Lines lines;
  private final ExprLayout exprs;
  private final BodyLayout bodies;

  DeclLayout(SourceText source, Lines lines, ExprLayout exprs, BodyLayout bodies) {
    this.source = source;
    this.lines = lines;
    this.exprs = exprs;
    this.bodies = bodies;
  }

  /** A declaration as an item of its block: a {@code let} aligns with its neighbours. */
  Item item(Decl d) {
    if (d instanceof Decl.Let let) {
      return Item.aligned(
          let.span(), "let " + let.name().name(), ind -> " = " + exprs.expr(let.value(), ind));
    }
    return Item.plain(d.span(), ind -> decl(d, ind));
  }

  private String decl(Decl d, int ind) {
    if (d instanceof Decl.Import imp) {
      return header(
          imp.span().start(),
          imp.span().end(),
          () -> "import " + SourceText.verbatim(imp.path().span()));
    }
    if (d instanceof Decl.Let let) {
      return "let " + let.name().name() + " = " + exprs.expr(let.value(), ind);
    }
    if (d instanceof Decl.Cloud c) {
      return header(
              c.span().start(),
              c.body().span().start(),
              () -> "cloud " + c.kind().name() + " " + c.name().name())
          + " "
          + bodies.body(c.body(), ind);
    }
    if (d instanceof Decl.State st) {
      return header(st.span().start(), st.body().span().start(), () -> "state " + st.kind().name())
          + " "
          + bodies.body(st.body(), ind);
    }
    if (d instanceof Decl.Template t) {
      return header(
              t.span().start(),
              t.body().span().start(),
              () -> "template " + t.name().name() + from(t.from()))
          + " "
          + bodies.body(t.body(), ind);
    }
    if (d instanceof Decl.Pool p) {
      return header(p.span().start(), p.body().span().start(), () -> poolHeader(p, ind))
          + " "
          + bodies.body(p.body(), ind);
    }
    if (d instanceof Decl.Variable v) {
      return header(
              v.span().start(),
              v.body().span().start(),
              () -> "variable " + SourceText.verbatim(v.label().span()))
          + " "
          + bodies.body(v.body(), ind);
    }
    if (d instanceof Decl.Moved m) return moved(m, ind);
    if (d instanceof Decl.For f) return forDecl(f, ind);
    return ifDecl((Decl.If) d, ind);
  }

  /**
   * {@code moved} on three lines, {@code from} first and the {@code =} aligned; with a comment
   * anywhere inside, as written.
   */
  private String moved(Decl.Moved m, int ind) {
    if (source.hasComments(m.span().start(), m.span().end())) {
      return source.takeVerbatim(m.span().start(), m.span().end());
    }
    String pad = " ".repeat(ind + 2);
    return "moved {\n"
        + pad
        + "from = "
        + m.from().address()
        + "\n"
        + pad
        + "to   = "
        + m.to().address()
        + "\n"
        + " ".repeat(ind)
        + "}";
  }

  private String poolHeader(Decl.Pool p, int ind) {
    return "pool " + exprs.expr(p.name(), ind) + from(p.from()) + " on " + exprs.expr(p.on(), ind);
  }

  private String forDecl(Decl.For f, int ind) {
    int open = source.expect(f.iterable().span().end(), '{');
    String head =
        header(
            f.span().start(),
            open,
            () ->
                "for "
                    + f.key().map(k -> k.name() + ", ").orElse("")
                    + f.value().name()
                    + " in "
                    + exprs.expr(f.iterable(), ind));
    return head + " " + block(open, f.body(), ind);
  }

  /** {@code else if} chains print as written: {@code else if} on the closing brace's line. */
  private String ifDecl(Decl.If d, int ind) {
    int open = source.expect(d.condition().span().end(), '{');
    String s =
        header(d.span().start(), open, () -> "if " + exprs.expr(d.condition(), ind))
            + " "
            + block(open, d.then(), ind);
    int close = closeOf(open, d.then());
    int elsePos = source.skipTrivia(close + 1);
    if (!source.startsWith("else", elsePos) || elsePos >= d.span().end()) return s;
    int after = source.skipTrivia(elsePos + 4);
    String elseText =
        source.hasComments(close + 1, after) ? source.takeVerbatim(close + 1, after) : "else";
    if (source.charAt(after) == '{')
      return s + " " + elseText + " " + block(after, d.otherwise(), ind);
    return s + " " + elseText + " " + ifDecl((Decl.If) d.otherwise().get(0), ind);
  }

  private static String from(List<Ident> from) {
    if (from.isEmpty()) return "";
    return " from " + from.stream().map(Ident::name).collect(Collectors.joining(", "));
  }

  /** The canonical header, or the source text when a comment sits inside {@code [start, end)}. */
  private String header(int start, int end, Supplier<String> canonical) {
    return source.hasComments(start, end) ? source.takeVerbatim(start, end) : canonical.get();
  }

  /** The declarations of a {@code for} or {@code if} block opened at {@code open}. */
  private String block(int open, List<Decl> decls, int ind) {
    int close = closeOf(open, decls);
    boolean comments = source.hasComments(open + 1, close);
    if (!comments && decls.isEmpty()) return "{}";
    if (!comments && decls.size() == 1 && source.sameLine(open, close)) {
      return "{ " + Lines.resolveHeredocs(decl(decls.get(0), ind), ind) + " }";
    }
    List<Item> items = decls.stream().map(this::item).collect(Collectors.toList());
    return lines.block("{", open, close, decls, items, ind, "", "}");
  }

  /** The {@code }} closing a declaration block opened at {@code open}. */
  private int closeOf(int open, List<Decl> decls) {
    int from = decls.isEmpty() ? open + 1 : decls.get(decls.size() - 1).span().end();
    return source.expect(from, '}');
  }
}
