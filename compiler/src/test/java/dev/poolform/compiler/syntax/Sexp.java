package dev.poolform.compiler.syntax;

import dev.poolform.compiler.ast.Body;
import dev.poolform.compiler.ast.BodyItem;
import dev.poolform.compiler.ast.Decl;
import dev.poolform.compiler.ast.Expr;
import dev.poolform.compiler.ast.Ident;
import dev.poolform.compiler.ast.MapEntry;
import dev.poolform.compiler.ast.StringExpr;
import dev.poolform.compiler.ast.StringPart;
import java.util.List;
import java.util.stream.Collectors;

/** Test helper: the AST as a compact S-expression without spans, so tests compare structure. */
final class Sexp {
  private Sexp() {}

  static String of(List<Decl> decls) {
    return decls.stream().map(Sexp::of).collect(Collectors.joining(" "));
  }

  static String of(Decl d) {
    if (d instanceof Decl.Import i) return "(import " + of(i.path()) + ")";
    if (d instanceof Decl.Cloud c)
      return "(cloud " + c.kind().name() + " " + c.name().name() + " " + of(c.body()) + ")";
    if (d instanceof Decl.Let l) return "(let " + l.name().name() + " " + of(l.value()) + ")";
    if (d instanceof Decl.Template t)
      return "(template " + t.name().name() + names(t.from()) + " " + of(t.body()) + ")";
    if (d instanceof Decl.Pool p)
      return "(pool "
          + of(p.name())
          + names(p.from())
          + " on "
          + of(p.on())
          + " "
          + of(p.body())
          + ")";
    if (d instanceof Decl.For f) {
      return "(for "
          + f.key().map(k -> k.name() + ",").orElse("")
          + f.value().name()
          + " "
          + of(f.iterable())
          + " ["
          + of(f.body())
          + "])";
    }
    if (d instanceof Decl.Variable v)
      return "(variable " + of(v.label()) + " " + of(v.body()) + ")";
    Decl.If i = (Decl.If) d;
    return "(if " + of(i.condition()) + " [" + of(i.then()) + "] [" + of(i.otherwise()) + "])";
  }

  private static String names(List<Ident> ids) {
    if (ids.isEmpty()) return "";
    return " from " + ids.stream().map(Ident::name).collect(Collectors.joining(","));
  }

  static String of(Body b) {
    return "{" + b.items().stream().map(Sexp::of).collect(Collectors.joining(" ")) + "}";
  }

  static String of(BodyItem i) {
    if (i instanceof BodyItem.Attribute a) return a.name().name() + "=" + of(a.value());
    BodyItem.Block b = (BodyItem.Block) i;
    return b.name().name() + of(b.body());
  }

  static String of(Expr e) {
    if (e instanceof Expr.Literal l) {
      return switch (l.kind()) {
        case INT, NUMBER, BOOL -> String.valueOf(l.value());
        case NULL -> "null";
        case EXTERNAL -> "external";
        case DURATION -> l.value() + "ms";
        case PERCENT -> l.value() + "%";
        case BYTES -> l.value() + "B";
      };
    }
    if (e instanceof StringExpr s) {
      String parts =
          s.parts().stream()
              .map(
                  p ->
                      p instanceof StringPart.Text t
                          ? t.text()
                          : "${" + of(((StringPart.Interpolation) p).expr()) + "}")
              .collect(Collectors.joining());
      return (s.heredoc().marker().isEmpty() ? "" : "<<") + "\"" + parts + "\"";
    }
    if (e instanceof Expr.ListExpr l)
      return "[" + l.items().stream().map(Sexp::of).collect(Collectors.joining(" ")) + "]";
    if (e instanceof Expr.MapExpr m)
      return "{" + m.entries().stream().map(Sexp::of).collect(Collectors.joining(" ")) + "}";
    if (e instanceof Expr.Name n) return n.name();
    if (e instanceof Expr.Member m) return "(. " + of(m.target()) + " " + m.name().name() + ")";
    if (e instanceof Expr.Index i) return "([] " + of(i.target()) + " " + of(i.index()) + ")";
    if (e instanceof Expr.Call c) {
      return "("
          + c.function().name()
          + "()"
          + c.args().stream().map(a -> " " + of(a)).collect(Collectors.joining())
          + ")";
    }
    if (e instanceof Expr.Unary u) return "(" + u.op().symbol + " " + of(u.operand()) + ")";
    if (e instanceof Expr.Binary b)
      return "(" + b.op().symbol + " " + of(b.left()) + " " + of(b.right()) + ")";
    if (e instanceof Expr.Conditional c)
      return "(? " + of(c.condition()) + " " + of(c.then()) + " " + of(c.otherwise()) + ")";
    if (e instanceof Expr.Paren p) return "(paren " + of(p.inner()) + ")";
    if (e instanceof Expr.Var v) return "var." + v.name().name();
    if (e instanceof Expr.TypeRef t) return type(t);
    return "<invalid>";
  }

  private static String type(Expr.TypeRef t) {
    return "(type " + t.name().name() + t.element().map(x -> " " + type(x)).orElse("") + ")";
  }

  static String of(MapEntry m) {
    return (m.bareKey() ? ((StringExpr) m.key()).constantText() : of(m.key()))
        + "="
        + of(m.value());
  }
}
