package dev.poolform.compiler.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Reading, comparing and (with {@code -Dgolden.update=true}) rewriting expected files. */
final class GoldenFiles {
  private GoldenFiles() {}

  static final boolean UPDATE = Boolean.getBoolean("golden.update");

  /** {@code compiler/src/test/resources/golden}, whatever the working directory. */
  static Path root() {
    Path module = Path.of("").toAbsolutePath();
    if (!Files.isDirectory(module.resolve("src/test/resources/golden"))) {
      String repo = System.getProperty("poolform.repo.root", "");
      module = repo.isBlank() ? module.resolve("compiler") : Path.of(repo).resolve("compiler");
    }
    return module.resolve("src/test/resources/golden");
  }

  /** The repository root, for the examples. */
  static Path repoRoot() {
    String repo = System.getProperty("poolform.repo.root", "");
    return repo.isBlank() ? root().resolve("../../../../..").normalize() : Path.of(repo);
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

  /**
   * Compares {@code actual} with the expected file. Updating rewrites it; a missing file is
   * written and the test fails, so every new expectation is reviewed before it is committed.
   */
  static void check(Path expected, String actual) {
    boolean exists = Files.exists(expected);
    if (UPDATE || !exists) {
      try {
        Files.writeString(expected, actual, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (!exists && !UPDATE) fail("wrote missing expected file " + expected.getFileName() + "; review and commit it");
      return;
    }
    assertEquals(read(expected), actual, () -> "differs from " + expected.getFileName() + " (-Dgolden.update=true rewrites it)");
  }

  static void delete(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
