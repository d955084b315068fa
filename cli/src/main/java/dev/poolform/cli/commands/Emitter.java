package dev.poolform.cli.commands;

import dev.poolform.compiler.Compilation;
import dev.poolform.compiler.diag.Diagnostic;
import java.util.List;

/**
 * One output format of {@code pool compile --emit}. Called only for a compilation without errors.
 */
@FunctionalInterface
public interface Emitter {
  /**
   * @param text what goes to stdout or the {@code -o} file
   * @param diagnostics problems found while emitting (e.g. settings a format cannot express);
   *     any error means nothing is written
   */
  record Result(String text, List<Diagnostic> diagnostics) {
    public Result {
      diagnostics = List.copyOf(diagnostics);
    }
  }

  Result emit(Compilation compilation);
}
