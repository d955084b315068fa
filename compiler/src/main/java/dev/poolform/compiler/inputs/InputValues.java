package dev.poolform.compiler.inputs;

import dev.poolform.source.Span;
import dev.poolform.stdlib.types.Type;
import dev.poolform.stdlib.value.Value;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The configuration's variables and the value each one takes.
 *
 * @param variables every declaration with a usable name, by name, in declaration order
 * @param values the value of each variable that has one; a variable without (an error was reported)
 *     is missing, so that {@code var.NAME} fails without another error
 */
public record InputValues(Map<String, Variable> variables, Map<String, Bound> values) {
  public InputValues {
    variables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  public static final InputValues NONE = new InputValues(Map.of(), Map.of());

  /**
   * A variable's value.
   *
   * @param value checked against the type; {@code int}s widened where a {@code number} is declared;
   *     strings of a sensitive variable are secrets
   * @param origin where it was set: the {@code default}, a {@code .poolvars} line, the {@code
   *     --var} argument or the {@code POOL_VAR_} variable. For a sensitive variable the span is in
   *     a copy of that text with the value replaced by a placeholder, so a diagnostic there shows
   *     no secret
   */
  public record Bound(Variable variable, Value value, Span origin) {
    /**
     * Where the value was set, in words: {@code FILE:LINE}, {@code <command line>} or {@code
     * <environment>}.
     */
    public String source() {
      String file = origin.file().displayPath();
      if (file.equals(Inputs.COMMAND_LINE) || file.equals(Inputs.ENVIRONMENT)) return file;
      return file + ":" + origin.line();
    }
  }

  /** Each variable's type, for the type check; {@code any} where its declaration was wrong. */
  public Map<String, Type> types() {
    Map<String, Type> out = new LinkedHashMap<>();
    for (Map.Entry<String, Variable> e : variables.entrySet())
      out.put(e.getKey(), e.getValue().type());
    return out;
  }

  /** Without the variables whose values failed their validation. */
  public InputValues without(java.util.Set<String> names) {
    Map<String, Bound> kept = new LinkedHashMap<>(values);
    kept.keySet().removeAll(names);
    return new InputValues(variables, kept);
  }
}
