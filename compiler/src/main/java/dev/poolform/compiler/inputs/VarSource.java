package dev.poolform.compiler.inputs;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A value source given on the command line, in the order given: later ones win
 * (docs/language.md#setting-values).
 */
public sealed interface VarSource {

  /** {@code --var NAME=VALUE}. */
  record Flag(String name, String value) implements VarSource {
    public Flag {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
    }

    /**
     * {@code NAME=VALUE} split at the first {@code =}; empty when there is none or the name is
     * empty.
     */
    public static java.util.Optional<Flag> parse(String text) {
      int eq = text.indexOf('=');
      if (eq <= 0) return java.util.Optional.empty();
      return java.util.Optional.of(new Flag(text.substring(0, eq), text.substring(eq + 1)));
    }
  }

  /** {@code --var-file FILE}: a {@code .poolvars} file. */
  record File(Path path) implements VarSource {
    public File {
      Objects.requireNonNull(path, "path");
    }
  }
}
