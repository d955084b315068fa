package dev.poolform.compiler;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the compiler's test inputs live on disk ({@code compiler/src/test/resources}), whether the
 * tests run from the module (Maven) or from the repository root (an IDE). Tests read the source
 * tree rather than the class path so that failures name the file to edit and {@code
 * -Dgolden.update=true} rewrites it in place.
 */
public final class TestResources {
  private TestResources() {}

  /** {@code compiler/src/test/resources/<name>}. */
  public static Path dir(String name) {
    Path module = Path.of("").toAbsolutePath();
    if (!Files.isDirectory(module.resolve("src/test/resources"))) {
      String repo = System.getProperty("poolform.repo.root", "");
      module = repo.isBlank() ? module.resolve("compiler") : Path.of(repo).resolve("compiler");
    }
    return module.resolve("src/test/resources").resolve(name);
  }

  /** The repository root, for the examples. */
  public static Path repoRoot() {
    String repo = System.getProperty("poolform.repo.root", "");
    return repo.isBlank() ? dir("").resolve("../../../..").normalize() : Path.of(repo);
  }
}
