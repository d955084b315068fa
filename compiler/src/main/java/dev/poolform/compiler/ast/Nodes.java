package dev.poolform.compiler.ast;

import java.util.ArrayList;
import java.util.List;

/** Generic traversal of the syntax tree: a node's children in source order. */
public final class Nodes {
  private Nodes() {}

  /** The direct children of {@code n}, in source order. */
  public static List<Node> children(Node n) {
    List<Node> out = new ArrayList<>();
    if (n instanceof SourceUnit u) {
      out.addAll(u.decls());
    } else if (n instanceof Decl d) {
      decl(d, out);
    } else if (n instanceof Body b) {
      out.addAll(b.items());
    } else if (n instanceof BodyItem.Attribute a) {
      out.add(a.name());
      out.add(a.value());
    } else if (n instanceof BodyItem.Block b) {
      out.add(b.name());
      out.add(b.body());
    } else if (n instanceof MapEntry e) {
      out.add(e.key());
      out.add(e.value());
    } else if (n instanceof StringPart.Interpolation i) {
      out.add(i.expr());
    } else if (n instanceof Expr e) {
      expr(e, out);
    }
    return out;
  }

  private static void decl(Decl d, List<Node> out) {
    if (d instanceof Decl.Import i) {
      out.add(i.path());
    } else if (d instanceof Decl.Cloud c) {
      out.add(c.kind());
      out.add(c.name());
      out.add(c.body());
    } else if (d instanceof Decl.State st) {
      out.add(st.kind());
      out.add(st.body());
    } else if (d instanceof Decl.Let l) {
      out.add(l.name());
      out.add(l.value());
    } else if (d instanceof Decl.Template t) {
      out.add(t.name());
      out.addAll(t.from());
      out.add(t.body());
    } else if (d instanceof Decl.Pool p) {
      out.add(p.name());
      out.addAll(p.from());
      out.add(p.on());
      out.add(p.body());
    } else if (d instanceof Decl.For f) {
      f.key().ifPresent(out::add);
      out.add(f.value());
      out.add(f.iterable());
      out.addAll(f.body());
    } else if (d instanceof Decl.If i) {
      out.add(i.condition());
      out.addAll(i.then());
      out.addAll(i.otherwise());
    }
  }

  private static void expr(Expr e, List<Node> out) {
    if (e instanceof StringExpr s) {
      out.addAll(s.parts());
    } else if (e instanceof Expr.ListExpr l) {
      out.addAll(l.items());
    } else if (e instanceof Expr.MapExpr m) {
      out.addAll(m.entries());
    } else if (e instanceof Expr.Member m) {
      out.add(m.target());
      out.add(m.name());
    } else if (e instanceof Expr.Index i) {
      out.add(i.target());
      out.add(i.index());
    } else if (e instanceof Expr.Call c) {
      out.add(c.function());
      out.addAll(c.args());
    } else if (e instanceof Expr.Unary u) {
      out.add(u.operand());
    } else if (e instanceof Expr.Binary b) {
      out.add(b.left());
      out.add(b.right());
    } else if (e instanceof Expr.Conditional c) {
      out.add(c.condition());
      out.add(c.then());
      out.add(c.otherwise());
    } else if (e instanceof Expr.Paren p) {
      out.add(p.inner());
    }
  }
}
