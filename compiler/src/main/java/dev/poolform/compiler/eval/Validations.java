package dev.poolform.compiler.eval;

import dev.poolform.compiler.diag.Code;
import dev.poolform.compiler.diag.Diagnostic;
import dev.poolform.compiler.diag.DiagnosticSink;
import dev.poolform.compiler.inputs.InputValues;
import dev.poolform.compiler.inputs.Variable;
import dev.poolform.compiler.types.TypeErrors;
import dev.poolform.stdlib.types.Types;
import dev.poolform.stdlib.value.BoolValue;
import dev.poolform.stdlib.value.ListValue;
import dev.poolform.stdlib.value.MapValue;
import dev.poolform.stdlib.value.SecretValue;
import dev.poolform.stdlib.value.StringValue;
import dev.poolform.stdlib.value.Value;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Checks each variable's value against its {@code validation} blocks, in order, stopping at the
 * first that fails (E0412, located where the value was set, with the message the block gives). A
 * message that would show a sensitive value is not shown.
 *
 * <p>A sensitive variable's own conditions see its plain value, as Terraform's do: a rule such as
 * {@code length(var.token) >= 8} could not be written otherwise, and everywhere else the value
 * stays a secret (E0311). What a condition learns leaves only as pass or fail, a bit the author of
 * the rule chose to publish. Diagnostics raised while evaluating such a condition could quote the
 * value, so they are replaced by one that names only their codes.
 */
final class Validations {
  /** Expressions in which {@code var.NAME} is {@code plain} and everything else is as usual. */
  @FunctionalInterface
  interface Revealing {
    Expressions with(String name, Value plain, DiagnosticSink sink);
  }

  private final DiagnosticSink sink;
  private final Expressions expressions;
  private final Revealing revealing;

  Validations(DiagnosticSink sink, Expressions expressions, Revealing revealing) {
    this.sink = sink;
    this.expressions = expressions;
    this.revealing = revealing;
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
    Value c =
        b.variable().sensitive() ? revealed(b, v, global) : expressions.eval(v.condition(), global);
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

  /**
   * The condition evaluated with the variable's plain value; null, with a diagnostic that shows
   * nothing of the value, when evaluating it reported anything.
   */
  private Value revealed(InputValues.Bound b, Variable.Validation v, Env global) {
    DiagnosticSink hidden = new DiagnosticSink();
    String name = b.variable().name();
    Value c = revealing.with(name, plain(b.value()), hidden).eval(v.condition(), global);
    if (hidden.sorted().isEmpty()) return c;
    Set<String> codes = new TreeSet<>();
    for (Diagnostic d : hidden.sorted()) codes.add(d.code().name());
    sink.report(
        Diagnostic.of(
                Code.E0412,
                v.condition().span(),
                "The condition of a validation of `var."
                    + name
                    + "` could not be evaluated ("
                    + String.join(", ", codes)
                    + "); the details are not shown because the variable is sensitive.")
            .withHelp(
                "try the condition on a variable that is not sensitive to see the error in full"));
    return null;
  }

  /** A sensitive value with its secrets opened: strings, and lists and maps of them. */
  private static Value plain(Value v) {
    if (v instanceof SecretValue s) return new StringValue(s.value());
    if (v instanceof ListValue l)
      return new ListValue(l.items().stream().map(Validations::plain).toList());
    if (v instanceof MapValue m) {
      TreeMap<String, Value> out = new TreeMap<>();
      m.entries().forEach((k, e) -> out.put(k, plain(e)));
      return new MapValue(out);
    }
    return v;
  }

  /** The block's message as the end of a sentence: one line, ending in a full stop. */
  private static String sentence(String text) {
    String s = text.strip().replaceAll("\\s*\\n\\s*", " ");
    if (s.isEmpty()) return "(no message).";
    return s.endsWith(".") || s.endsWith("!") || s.endsWith("?") ? s : s + ".";
  }
}
