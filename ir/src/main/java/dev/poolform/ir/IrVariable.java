package dev.poolform.ir;

import dev.poolform.stdlib.value.Value;
import java.util.Objects;
import java.util.Optional;

/**
 * The value an input variable took (docs/language.md#variables), as the IR records it so that a
 * reader can tell which values a configuration was compiled with and where each came from.
 *
 * @param name the variable's name ({@code var.NAME})
 * @param value its value; empty for a sensitive variable, whose value the IR never holds
 * @param sensitive whether the variable is declared {@code sensitive}
 * @param source where the value was set: {@code FILE:LINE} of a {@code .poolvars} file or of the
 *     {@code default}, {@code <command line>} for {@code --var}, {@code <environment>} for {@code
 *     POOL_VAR_NAME}
 */
public record IrVariable(String name, Optional<Value> value, boolean sensitive, String source) {
  public IrVariable {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(source, "source");
    if (sensitive) value = Optional.empty();
  }
}
