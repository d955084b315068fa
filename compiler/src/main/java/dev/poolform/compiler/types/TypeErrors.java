package dev.poolform.compiler.types;

import dev.poolform.compiler.diag.Code;
import dev.poolform.compiler.diag.Diagnostic;
import dev.poolform.source.Span;

/**
 * The type errors both the static {@link TypeChecker} and evaluation report. They must read the
 * same and point at the same span, so that the compiler keeps one of the two (it keeps one
 * diagnostic per code and span); written once here so they cannot drift apart.
 *
 * <p>{@code found} is the offending type as users read it ({@code int}, {@code list<string>}).
 */
public final class TypeErrors {
  private TypeErrors() {}

  /** E0306: {@code external} anywhere but {@code capacity.desired}. */
  public static Diagnostic externalOutsideDesired(Span at) {
    return Diagnostic.of(
            Code.E0306, at, "`external` is allowed only as the value of" + " `capacity.desired`.")
        .withHelp(
            "Write `capacity { desired = external }` to let an autoscaler own the"
                + " machine count.");
  }

  /** E0301: an {@code if} declaration's condition is not a bool. */
  public static Diagnostic ifCondition(Span at, String found) {
    return Diagnostic.of(
        Code.E0301,
        at,
        "Expected bool, found " + found + "; an `if` condition must be true or false.");
  }

  /** E0301: the condition of {@code ? :} is not a bool. */
  public static Diagnostic conditional(Span at, String found) {
    return Diagnostic.of(
        Code.E0301,
        at,
        "Expected bool, found " + found + "; the condition of `? :` must be true or false.");
  }

  /** E0301: a variable's validation condition is not a bool. */
  public static Diagnostic validationCondition(Span at, String found) {
    return Diagnostic.of(
        Code.E0301,
        at,
        "Expected bool, found " + found + "; a validation's `condition` must be true or false.");
  }

  /** E0301: a variable's validation message is not a string. */
  public static Diagnostic validationMessage(Span at, String found) {
    return Diagnostic.of(
        Code.E0301, at, "Expected string, found " + found + "; a validation's `message` is text.");
  }

  /** E0301: a {@code for} over something that is neither a list nor a map. */
  public static Diagnostic loopOver(Span at, String found) {
    return Diagnostic.of(
        Code.E0301, at, "Expected a list or a map to loop over, found " + found + ".");
  }

  /** E0301: a {@code ${...}} whose value has no text form; a list gets a hint. */
  public static Diagnostic interpolation(Span at, String found, boolean list) {
    return Diagnostic.of(
            Code.E0301, at, "Expected a string or simple value in `${...}`, found " + found + ".")
        .withHelp(list ? "Use `join(\", \", list)` to make text of a list." : null);
  }

  /** E0307: {@code &&} or {@code ||} with an operand that is not a bool. */
  public static Diagnostic boolOperands(Span at, String operator, String found) {
    return Diagnostic.of(
        Code.E0307,
        at,
        "Operator `" + operator + "` is not defined for " + found + "; it needs bool operands.");
  }
}
