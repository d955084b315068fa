package dev.poolform.compiler.eval;

import dev.poolform.compiler.diag.Code;
import dev.poolform.compiler.diag.Diagnostic;
import dev.poolform.compiler.diag.DiagnosticSink;
import dev.poolform.compiler.inputs.InputValues;
import dev.poolform.compiler.inputs.Variable;
import dev.poolform.compiler.types.TypeErrors;
import dev.poolform.stdlib.types.Types;
import dev.poolform.stdlib.value.BoolValue;
import dev.poolform.stdlib.value.SecretValue;
import dev.poolform.stdlib.value.StringValue;
import dev.poolform.stdlib.value.Value;
import java.util.HashSet;
import java.util.Set;

/**
 * Checks each variable's value against its {@code validation} blocks, in order, stopping at the
 * first that fails (E0412, located where the value was set, with the message the block gives). A
 * message that would show a sensitive value is not shown.
 */
final class Validations {
  private final DiagnosticSink sink;
  private final Expressions expressions;

  Validations(DiagnosticSink sink, Expressions expressions) {
    this.sink = sink;
    this.expressions = expressions;
  }

  /** The variables whose values failed a validation (or whose check failed, reported). */
  Set<String> rejected(InputValues inputs, Env global) {
    Set<String> out = new HashSet<>();
    for (InputValues.Bound b : inputs.values().values()) {
      for (Variable.Validation v : b.variable().validations()) {
        if (!passes(b, v, global)) {
          out.add(b.variable().name());
          break;
        }
      }
    }
    return out;
  }

  private boolean passes(InputValues.Bound b, Variable.Validation v, Env global) {
    Value c = expressions.eval(v.condition(), global);
    if (c == null) return false;
    if (!(c instanceof BoolValue ok)) {
      sink.report(TypeErrors.validationCondition(v.condition().span(), Types.describe(c)));
      return false;
    }
    if (ok.value()) return true;
    Value m = expressions.eval(v.message(), global);
    String message;
    if (m instanceof StringValue s) message = sentence(s.value());
    else if (m instanceof SecretValue)
      message = "(the message is not shown: it holds a sensitive value).";
    else message = "(the message could not be evaluated).";
    sink.report(
        Diagnostic.of(
                Code.E0412,
                b.origin(),
                "Invalid value for `var." + b.variable().name() + "`: " + message)
            .withNote(v.condition().span(), "the condition the value does not meet"));
    return false;
  }

  /** The block's message as the end of a sentence: one line, ending in a full stop. */
  private static String sentence(String text) {
    String s = text.strip().replaceAll("\\s*\\n\\s*", " ");
    if (s.isEmpty()) return "(no message).";
    return s.endsWith(".") || s.endsWith("!") || s.endsWith("?") ? s : s + ".";
  }
}
