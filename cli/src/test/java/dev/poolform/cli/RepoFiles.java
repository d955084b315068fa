package dev.poolform.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Test helper: files of the repository the tests run in, such as {@code examples/}. */
public final class RepoFiles {
  private RepoFiles() {}

  /** {@code examples/}: found from {@code poolform.repo.root} (set by Surefire) or upwards. */
  public static Path examples() {
    String root = System.getProperty("poolform.repo.root");
    Path p = root != null ? Path.of(root) : Path.of("").toAbsolutePath();
    while (p != null && !Files.isDirectory(p.resolve("examples"))) p = p.getParent();
    if (p == null) throw new IllegalStateException("cannot find examples/");
    return p.resolve("examples");
  }
}
