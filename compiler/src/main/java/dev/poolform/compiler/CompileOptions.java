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
 */
public record CompileOptions(
    Path entry, Optional<Path> projectRoot, Map<String, String> environment) {
  public CompileOptions {
    environment = Map.copyOf(environment);
  }

  public static CompileOptions of(Path entry) {
    return new CompileOptions(entry, Optional.empty(), System.getenv());
  }
}
