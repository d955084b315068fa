package dev.poolform.compiler.syntax;

import dev.poolform.compiler.ast.Expr;
import dev.poolform.compiler.ast.Expr.LiteralKind;
import dev.poolform.compiler.diag.Code;
import dev.poolform.source.Span;
import dev.poolform.stdlib.value.Literals;
import dev.poolform.stdlib.value.Literals.LiteralFormatException;

/**
 * Decodes number-like literals to their values (ints, durations in milliseconds, byte sizes in
 * bytes, percentages as the number before the sign) through the one literal codec, {@link
 * Literals}. Anything that does not fit a 64-bit value is E0104 and becomes {@link Expr.Invalid}.
 */
final class LiteralDecoder {
  private final SyntaxReporter reporter;

  LiteralDecoder(SyntaxReporter reporter) {
    this.reporter = reporter;
  }

  Expr integer(String text, Span span) {
    try {
      return new Expr.Literal(LiteralKind.INT, Long.parseLong(text), text, span);
    } catch (NumberFormatException e) {
      return invalid(span, "Integer `" + text + "` does not fit in 64 bits.");
    }
  }

  Expr number(String text, Span span) {
    try {
      return new Expr.Literal(LiteralKind.NUMBER, Literals.parseNumber(text), text, span);
    } catch (LiteralFormatException e) {
      return invalid(span, "Number `" + text + "` is too large.");
    }
  }

  Expr percent(String text, Span span) {
    try {
      return new Expr.Literal(LiteralKind.PERCENT, Literals.parsePercent(text), text, span);
    } catch (LiteralFormatException e) {
      return invalid(span, "Percentage `" + text + "` is too large.");
    }
  }

  /** {@code 1h30m}: parts in decreasing units, each unit at most once. */
  Expr duration(String text, Span span) {
    try {
      return new Expr.Literal(LiteralKind.DURATION, Literals.parseDuration(text), text, span);
    } catch (LiteralFormatException e) {
      if (e.problem() == Literals.Problem.UNIT_ORDER) {
        return invalid(
            span,
            "Duration `" + text + "` must list its units once each, largest first (e.g. `1h30m`).");
      }
      return invalid(span, "Duration `" + text + "` is too large.");
    }
  }

  Expr bytes(String text, Span span) {
    try {
      return new Expr.Literal(LiteralKind.BYTES, Literals.parseBytes(text), text, span);
    } catch (LiteralFormatException e) {
      return invalid(span, "Size `" + text + "` is too large.");
    }
  }

  private Expr invalid(Span span, String message) {
    reporter.report(Code.E0104, span, message);
    return new Expr.Invalid(span);
  }
}
