package dev.poolform.compiler.ast;

import dev.poolform.source.Span;
import java.util.List;
import java.util.Optional;

/**
 * Top-level declarations (docs/language.md#declarations). {@code for} and {@code if} may nest them.
 */
public sealed interface Decl extends Node {

  /** {@code import "path.pool"}. */
  record Import(StringExpr path, Span span) implements Decl {}

  /** {@code cloud KIND NAME { settings }}. */
  record Cloud(Ident kind, Ident name, Body body, Span span) implements Decl {}

  /** {@code state KIND { settings }}: where the state is kept (docs/language.md#state). */
  record State(Ident kind, Body body, Span span) implements Decl {}

  /** {@code let NAME = EXPR}. */
  record Let(Ident name, Expr value, Span span) implements Decl {}

  /** {@code template NAME [from A, B] { body }}. */
  record Template(Ident name, List<Ident> from, Body body, Span span) implements Decl {
    public Template {
      from = List.copyOf(from);
    }
  }

  /**
   * {@code pool NAME-EXPR [from A, B] on CLOUD-EXPR { body }}. The name is an expression (usually a
   * string with interpolation); {@code on} is an expression so that loop variables can name clouds.
   */
  record Pool(Expr name, List<Ident> from, Expr on, Body body, Span span) implements Decl {
    public Pool {
      from = List.copyOf(from);
    }
  }

  /**
   * {@code moved { from = pool.OLD to = pool.NEW }}: the pool once at {@code from} is now the one
   * at {@code to} (docs/language.md#moved). Addresses are written literally, never computed.
   */
  record Moved(Address from, Address to, Span span) implements Decl {
    /** {@code pool.NAME} as written; {@code span} covers the whole address. */
    public record Address(String name, Span span) {
      public String address() {
        return "pool." + name;
      }
    }
  }

  /**
   * {@code for VALUE in EXPR { decls }} or {@code for KEY, VALUE in EXPR { decls }}; {@code key} is
   * present only in the two-name form.
   */
  record For(Optional<Ident> key, Ident value, Expr iterable, List<Decl> body, Span span)
      implements Decl {
    public For {
      body = List.copyOf(body);
    }
  }

  /**
   * {@code variable "NAME" { type = T default = V description = "..." sensitive = B validation {
   * condition = C message = M } }} (docs/language.md#variables). {@code label} is the name as
   * written, a string; its {@linkplain #name() name} is that string's text. The {@code type}
   * attribute's value is an {@link Expr.TypeRef}; the body is checked by the {@code inputs} phase.
   */
  record Variable(StringExpr label, Body body, Span span) implements Decl {
    /** The declared name, located at the string that spells it. */
    public Ident name() {
      return new Ident(label.constantText(), label.span());
    }
  }

  /** {@code if COND { decls } [else { decls } | else if ...]}; an else-if is a one-element else. */
  record If(Expr condition, List<Decl> then, List<Decl> otherwise, Span span) implements Decl {
    public If {
      then = List.copyOf(then);
      otherwise = List.copyOf(otherwise);
    }
  }
}
