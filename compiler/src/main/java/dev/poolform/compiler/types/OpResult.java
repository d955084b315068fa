package dev.poolform.compiler.types;

import dev.poolform.compiler.diag.Code;
import dev.poolform.stdlib.value.Value;

/** The outcome of an operator: a value, or the code and message of what went wrong. */
public sealed interface OpResult permits OpResult.Ok, OpResult.Failure {
  record Ok(Value value) implements OpResult {}

  /** {@code code} is E0307 (operator not defined), E0301 (operand type) or E0308 (arithmetic). */
  record Failure(Code code, String message) implements OpResult {}

  static OpResult ok(Value v) {
    return new Ok(v);
  }

  static OpResult error(Code code, String message) {
    return new Failure(code, message);
  }
}
