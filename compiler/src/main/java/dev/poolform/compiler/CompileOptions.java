package dev.poolform.compiler;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What to compile.
 *
 * @param entry a {@code .pool} file, or a directory whose {@code *.pool} files form one
 *     configuration
 * @param projectRoot imports may not leave this directory; empty means: the enclosing git work
 *     tree, else the entry's directory (docs/language.md#files-and-configurations)
 * @param environment what {@code env()} reads; the CLI passes {@code System.getenv()}
 * @param overlay texts that replace files on disk, by absolute normalised path: an editor's unsaved
 *     buffers. A file in the overlay is read from it, also when it is imported; {@code file()}
 *     always reads the disk.
 */
public record CompileOptions(
    Path entry,
    Optional<Path> projectRoot,
    Map<String, String> environment,
    Map<Path, String> overlay) {
  public CompileOptions {
    environment = Map.copyOf(environment);
    overlay = Map.copyOf(overlay);
  }

  /** Reads every file from disk. */
  public CompileOptions(Path entry, Optional<Path> projectRoot, Map<String, String> environment) {
    this(entry, projectRoot, environment, Map.of());
  }

  public static CompileOptions of(Path entry) {
    return new CompileOptions(entry, Optional.empty(), System.getenv());
  }
}
