package dev.poolform.stdlib.functions;

import dev.poolform.stdlib.value.Value;

/** What a call gives back: a value, or a failure the caller reports at the call's span. */
public sealed interface CallResult permits CallResult.Ok, CallResult.Failure {

  /** Why a call failed; the compiler maps each kind to one diagnostic code. */
  enum Kind {
    /** Wrong number or types of arguments (E0305). */
    ARGUMENTS,
    /** {@code env()} of an unset variable without default (E0408). */
    ENV_MISSING,
    /** {@code file()} could not read its file (E0409). */
    FILE,
    /** Division by zero or overflow (E0308). */
    ARITHMETIC,
    /** A result past one of the evaluation {@link Limits} (E0314). */
    LIMIT,
    /** Missing key or index out of range (E0309). */
    INDEX,
    /** A secret given where the function would reveal it ({@link Builtin.Reveals}, E0311). */
    SECRET
  }

  record Ok(Value value) implements CallResult {}

  /**
   * @param argument the 0-based argument the failure is about, or -1 for the whole call
   */
  record Failure(Kind kind, String message, int argument) implements CallResult {}

  static CallResult ok(Value v) {
    return new Ok(v);
  }

  static CallResult fail(Kind kind, String message) {
    return new Failure(kind, message, -1);
  }

  static CallResult failAt(Kind kind, int argument, String message) {
    return new Failure(kind, message, argument);
  }
}
