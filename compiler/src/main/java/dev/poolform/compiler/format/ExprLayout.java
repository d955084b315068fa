package dev.poolform.compiler.format;

import dev.poolform.compiler.ast.Expr;
import dev.poolform.compiler.ast.MapEntry;
import dev.poolform.compiler.ast.StringExpr;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Prints expressions: one space around binary operators, {@code ?} and {@code :}; none after unary
 * operators, inside brackets or around {@code .}. Literals, strings and heredocs keep their
 * spelling. Lists, maps and calls stay on one line when written on one line; an expression with a
 * comment inside that is not a list, map or call prints as written.
 */
final class ExprLayout {
  private final SourceText source;
  private final Lines lines;

  ExprLayout(SourceText source, Lines lines) {
    this.source = source;
    this.lines = lines;
  }

  String expr(Expr e, int ind) {
    boolean container =
        e instanceof Expr.ListExpr || e instanceof Expr.MapExpr || e instanceof Expr.Call;
    if (!container
        && !(e instanceof StringExpr)
        && source.hasComments(e.span().start(), e.span().end())) {
      return source.takeVerbatim(e.span().start(), e.span().end());
    }
    if (e instanceof Expr.Literal l) return l.text();
    if (e instanceof StringExpr s) {
      String text = SourceText.verbatim(s.span());
      return s.heredoc().marker().isEmpty() ? text : text + Lines.HEREDOC_END;
    }
    if (e instanceof Expr.Name n) return n.name();
    if (e instanceof Expr.Var v) return "var." + v.name().name();
    if (e instanceof Expr.TypeRef t) return type(t);
    if (e instanceof Expr.Member m) return expr(m.target(), ind) + "." + m.name().name();
    if (e instanceof Expr.Index x) return expr(x.target(), ind) + "[" + expr(x.index(), ind) + "]";
    if (e instanceof Expr.Unary u) return u.op().symbol + expr(u.operand(), ind);
    if (e instanceof Expr.Binary b) {
      return expr(b.left(), ind) + " " + b.op().symbol + " " + expr(b.right(), ind);
    }
    if (e instanceof Expr.Conditional c) {
      return expr(c.condition(), ind)
          + " ? "
          + expr(c.then(), ind)
          + " : "
          + expr(c.otherwise(), ind);
    }
    if (e instanceof Expr.Paren p) return "(" + expr(p.inner(), ind) + ")";
    if (e instanceof Expr.ListExpr l) return list(l, ind);
    if (e instanceof Expr.MapExpr m) return map(m, ind);
    if (e instanceof Expr.Call c) return call(c, ind);
    return SourceText.verbatim(e.span());
  }

  /** A variable's type: {@code list<map<string>>}, without spaces. */
  private static String type(Expr.TypeRef t) {
    return t.name().name() + t.element().map(e -> "<" + type(e) + ">").orElse("");
  }

  /** Multi-line lists end every item with a comma. */
  private String list(Expr.ListExpr l, int ind) {
    int open = l.span().start();
    int close = l.span().end() - 1;
    boolean comments = source.hasComments(open + 1, close);
    if (!comments && l.items().isEmpty()) return "[]";
    if (!comments && source.sameLine(open, close)) {
      return "[" + joined(l.items(), ind) + "]";
    }
    return lines.block("[", open, close, l.items(), plainItems(l.items()), ind, ",", "]");
  }

  /** One-line maps separate entries with {@code ", "}; multi-line ones use none. */
  private String map(Expr.MapExpr m, int ind) {
    List<Item> items = m.entries().stream().map(this::mapEntry).collect(Collectors.toList());
    return lines.braces(m.span().start(), m.span().end() - 1, m.entries(), items, ind, ", ");
  }

  private Item mapEntry(MapEntry me) {
    String key =
        me.bareKey()
            ? ((StringExpr) me.key()).constantText()
            : SourceText.verbatim(me.key().span());
    if (source.hasComments(
        /* start= */ me.key().span().end(), /* end= */ me.value().span().start())) {
      return Item.plain(
          me.span(),
          ind ->
              source.takeVerbatim(me.span().start(), me.value().span().start())
                  + " "
                  + expr(me.value(), ind));
    }
    return Item.aligned(me.span(), key, ind -> " = " + expr(me.value(), ind));
  }

  /** Multi-line calls end every argument with a comma, like lists. */
  private String call(Expr.Call c, int ind) {
    int open = source.expect(c.function().span().end(), '(');
    int close = c.span().end() - 1;
    String name = c.function().name();
    boolean comments = source.hasComments(open + 1, close);
    if (!comments && c.args().isEmpty()) return name + "()";
    if (!comments && source.sameLine(open, close)) {
      return name + "(" + joined(c.args(), ind) + ")";
    }
    return name + lines.block("(", open, close, c.args(), plainItems(c.args()), ind, ",", ")");
  }

  private String joined(List<Expr> exprs, int ind) {
    return exprs.stream().map(x -> expr(x, ind)).collect(Collectors.joining(", "));
  }

  private List<Item> plainItems(List<Expr> exprs) {
    return exprs.stream()
        .map(x -> Item.plain(x.span(), i -> expr(x, i)))
        .collect(Collectors.toList());
  }
}
