package dev.poolform.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The example configurations under {@code examples/}: each {@code .pool} file is one, except that a
 * directory with a {@code shared/} subdirectory is one directory configuration (its files and their
 * imports); {@code shared/} directories are only imported.
 */
public final class Examples {
  private Examples() {}

  /** The repository root: set by Surefire, else found from the working directory. */
  public static Path repoRoot() {
    String prop = System.getProperty("poolform.repo.root");
    Path p = prop != null && !prop.isBlank() ? Path.of(prop) : Path.of("").toAbsolutePath();
    while (p != null && !Files.isDirectory(p.resolve("examples"))) p = p.getParent();
    if (p == null) throw new IllegalStateException("cannot find the repository root");
    return p.toAbsolutePath().normalize();
  }

  public static Path dir() {
    return repoRoot().resolve("examples");
  }

  /** Every example configuration (a file or a directory), sorted. */
  public static List<Path> all() {
    List<Path> out = new ArrayList<>();
    collect(dir(), out);
    out.sort(null);
    return out;
  }

  private static void collect(Path dir, List<Path> out) {
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.sorted().toList()) {
        String name = p.getFileName().toString();
        if (Files.isDirectory(p)) {
          if (name.equals("src")
              || name.equals("target")
              || name.equals("shared")
              || name.startsWith(".")) continue;
          if (Files.isDirectory(p.resolve("shared"))) out.add(p);
          else collect(p, out);
        } else if (name.endsWith(".pool")) {
          out.add(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every {@code .pool} file under {@code examples/}, shared ones included. */
  public static List<Path> files() {
    try (Stream<Path> s = Files.walk(dir())) {
      return s.filter(p -> p.toString().endsWith(".pool"))
          .filter(
              p ->
                  !dir().relativize(p).startsWith("src")
                      && !dir().relativize(p).startsWith("target"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code aws/web-asg.pool -> aws/web-asg}, {@code imports -> imports}. */
  public static String name(Path example) {
    String rel = dir().relativize(example).toString().replace('\\', '/');
    return rel.endsWith(".pool") ? rel.substring(0, rel.length() - ".pool".length()) : rel;
  }
}
