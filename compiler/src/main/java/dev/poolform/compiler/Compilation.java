package dev.poolform.compiler;

import dev.poolform.compiler.diag.Diagnostic;
import dev.poolform.ir.IrConfig;
import dev.poolform.source.SourceFile;
import java.util.List;
import java.util.Optional;

/**
 * The result of compiling a configuration.
 *
 * @param ir present when there are no errors
 * @param diagnostics errors and warnings, sorted by file and position
 * @param sources every file read (entry files and imports), for rendering diagnostics
 * @param root the configuration root that display paths are relative to
 */
public record Compilation(
    Optional<IrConfig> ir,
    List<Diagnostic> diagnostics,
    List<SourceFile> sources,
    java.nio.file.Path root) {
  public Compilation {
    diagnostics = List.copyOf(diagnostics);
    sources = List.copyOf(sources);
  }

  public boolean hasErrors() {
    for (Diagnostic d : diagnostics) { // a loop, not a stream: see Loader
      if (d.isError()) return true;
    }
    return false;
  }
}
