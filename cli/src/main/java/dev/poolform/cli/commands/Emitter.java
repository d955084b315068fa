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
   * @param diagnostics problems found while emitting (e.g. settings a format cannot express); any
   *     error means nothing is written
   * @param files for formats with one file per pool (capi): name to content; with {@code -o DIR}
   *     each is written into DIR, without it {@code text} (all of them) goes to stdout
   */
  record Result(
      String text, List<Diagnostic> diagnostics, java.util.SortedMap<String, String> files) {
    public Result {
      diagnostics = List.copyOf(diagnostics);
      files = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(files));
    }

    public Result(String text, List<Diagnostic> diagnostics) {
      this(text, diagnostics, new java.util.TreeMap<>());
    }
  }

  /**
   * @param targets the addresses given with {@code --target}: the pools to emit, each of which must
   *     be emittable; empty for every pool
   */
  Result emit(Compilation compilation, java.util.Set<String> targets);
}
