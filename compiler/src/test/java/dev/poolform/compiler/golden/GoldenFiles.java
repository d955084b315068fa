package dev.poolform.compiler.golden;

import dev.poolform.compiler.TestResources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finding and reading the golden cases; {@link dev.poolform.testing.golden.GoldenFile} compares
 * them.
 */
final class GoldenFiles {
  private GoldenFiles() {}

  /** {@code compiler/src/test/resources/golden}, whatever the working directory. */
  static Path root() {
    return TestResources.dir("golden");
  }

  /** The repository root, for the examples. */
  static Path repoRoot() {
    return TestResources.repoRoot();
  }

  static List<Path> list(Path dir) {
    if (!Files.isDirectory(dir)) return List.of();
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void delete(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
