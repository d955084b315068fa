package dev.poolform.compiler.ast;

import dev.poolform.source.Span;
import java.util.List;

/** Expressions (docs/language.md#expressions). All are evaluated at compile time. */
public sealed interface Expr extends Node
    permits Expr.Literal,
        StringExpr,
        Expr.ListExpr,
        Expr.MapExpr,
        Expr.Name,
        Expr.Member,
        Expr.Index,
        Expr.Call,
        Expr.Unary,
        Expr.Binary,
        Expr.Conditional,
        Expr.Paren,
        Expr.Var,
        Expr.TypeRef,
        Expr.Invalid {

  /** The kinds of non-string literal. */
  enum LiteralKind {
    INT,
    NUMBER,
    BOOL,
    NULL,
    EXTERNAL,
    DURATION,
    PERCENT,
    BYTES
  }

  /**
   * A non-string literal, already decoded: {@code value} is a {@link Long} (int, duration millis,
   * bytes), {@link Double} (number, percent), {@link Boolean}, or null (null, external). {@code
   * text} is the source text, kept for the formatter.
   */
  record Literal(LiteralKind kind, Object value, String text, Span span) implements Expr {}

  record ListExpr(List<Expr> items, Span span) implements Expr {
    public ListExpr {
      items = List.copyOf(items);
    }
  }

  record MapExpr(List<MapEntry> entries, Span span) implements Expr {
    public MapExpr {
      entries = List.copyOf(entries);
    }
  }

  /** A reference to a let, cloud, loop variable. */
  record Name(String name, Span span) implements Expr {}

  /** {@code target.name}. */
  record Member(Expr target, Ident name, Span span) implements Expr {}

  /** {@code target[index]}. */
  record Index(Expr target, Expr index, Span span) implements Expr {}

  /** {@code fn(args)}. */
  record Call(Ident function, List<Expr> args, Span span) implements Expr {
    public Call {
      args = List.copyOf(args);
    }
  }

  enum UnaryOp {
    NEG("-"),
    NOT("!");

    public final String symbol;

    UnaryOp(String symbol) {
      this.symbol = symbol;
    }
  }

  record Unary(UnaryOp op, Expr operand, Span span) implements Expr {}

  /** Binary operators, lowest precedence last in source order of docs/language.md#operators. */
  enum BinaryOp {
    MUL("*", 6),
    DIV("/", 6),
    MOD("%", 6),
    ADD("+", 5),
    SUB("-", 5),
    LT("<", 4),
    LE("<=", 4),
    GT(">", 4),
    GE(">=", 4),
    EQ("==", 3),
    NE("!=", 3),
    AND("&&", 2),
    OR("||", 1);

    public final String symbol;
    public final int precedence;

    BinaryOp(String symbol, int precedence) {
      this.symbol = symbol;
      this.precedence = precedence;
    }
  }

  record Binary(BinaryOp op, Expr left, Expr right, Span span) implements Expr {}

  /** {@code cond ? then : otherwise}. */
  record Conditional(Expr condition, Expr then, Expr otherwise, Span span) implements Expr {}

  /** {@code ( inner )}, kept so the formatter preserves the user's parentheses. */
  record Paren(Expr inner, Span span) implements Expr {}

  /** {@code var.NAME}: the value of an input variable (docs/language.md#variables). */
  record Var(Ident name, Span span) implements Expr {}

  /**
   * A type, the value of a variable's {@code type} attribute: {@code string}, {@code list<T>},
   * {@code map<T>}. Only the parser's variable body makes one, so no other place meets it. As in
   * HCL, a type constraint is a node of the expression tree that one phase reads as a type.
   */
  record TypeRef(Ident name, java.util.Optional<TypeRef> element, Span span) implements Expr {}

  /**
   * Stands where the parser could not make an expression (after reporting a syntax error), so later
   * phases can skip it without reporting again.
   */
  record Invalid(Span span) implements Expr {}
}
