package dev.poolform.compiler;

import dev.poolform.compiler.inputs.VarSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What to compile.
 *
 * @param entry a {@code .pool} file, or a directory whose {@code *.pool} files form one
 *     configuration
 * @param projectRoot imports may not leave this directory; empty means: the enclosing git work
 *     tree, else the entry's directory (docs/language.md#files-and-configurations)
 * @param environment what {@code env()} reads, and {@code POOL_VAR_NAME} variables; the CLI passes
 *     {@code System.getenv()}
 * @param variables the {@code --var} and {@code --var-file} options, in command-line order; the
 *     files loaded automatically are found beside the entry (docs/language.md#setting-values)
 * @param overlay texts that replace files on disk, by absolute normalised path: an editor's unsaved
 *     buffers. A file in the overlay is read from it, also when it is imported or is a {@code
 *     .poolvars} file; {@code file()} always reads the disk.
 */
public record CompileOptions(
    Path entry,
    Optional<Path> projectRoot,
    Map<String, String> environment,
    List<VarSource> variables,
    Map<Path, String> overlay) {
  public CompileOptions {
    environment = Map.copyOf(environment);
    variables = List.copyOf(variables);
    overlay = Map.copyOf(overlay);
  }

  /** From disk, with the given {@code --var} and {@code --var-file} options. */
  public CompileOptions(
      Path entry,
      Optional<Path> projectRoot,
      Map<String, String> environment,
      List<VarSource> variables) {
    this(entry, projectRoot, environment, variables, Map.of());
  }

  /** With an editor's unsaved buffers, without {@code --var} or {@code --var-file}. */
  public CompileOptions(
      Path entry,
      Optional<Path> projectRoot,
      Map<String, String> environment,
      Map<Path, String> overlay) {
    this(entry, projectRoot, environment, List.of(), overlay);
  }

  /** From disk, without {@code --var} or {@code --var-file}. */
  public CompileOptions(Path entry, Optional<Path> projectRoot, Map<String, String> environment) {
    this(entry, projectRoot, environment, List.of(), Map.of());
  }

  public static CompileOptions of(Path entry) {
    return new CompileOptions(entry, Optional.empty(), System.getenv());
  }
}
