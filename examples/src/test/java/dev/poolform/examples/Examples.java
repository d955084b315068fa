package dev.poolform.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The example configurations under {@code examples/}: each {@code .pool} file is one, except that a
 * directory with a {@code shared/} subdirectory or {@code .poolvars} files is one directory
 * configuration (its files and their imports); {@code shared/} directories are only imported. An
 * example with {@code .poolvars} files that are not loaded automatically is compiled once with each
 * ({@link #variants}).
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
          if (Files.isDirectory(p.resolve("shared")) || !varFiles(p).isEmpty()) out.add(p);
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

  /**
   * One way to compile an example: with one of its {@code .poolvars} files ({@code pool compile
   * --var-file FILE}), or with none.
   */
  public record Variant(Path example, Optional<Path> varFile) {
    /** {@code quickstart}, {@code environments.staging}. */
    public String name() {
      return Examples.name(example)
          + varFile.map(f -> "." + f.getFileName().toString().replace(".poolvars", "")).orElse("");
    }

    /** The command-line options that give the variables their values. */
    public List<String> options() {
      return varFile.map(f -> List.of("--var-file", f.toString())).orElse(List.of());
    }
  }

  /** Every example once per {@code .poolvars} file it has, or once if it has none. */
  public static List<Variant> variants() {
    List<Variant> out = new ArrayList<>();
    for (Path example : all()) {
      List<Path> files = Files.isDirectory(example) ? varFiles(example) : List.of();
      if (files.isEmpty()) out.add(new Variant(example, Optional.empty()));
      for (Path f : files) out.add(new Variant(example, Optional.of(f)));
    }
    return out;
  }

  /**
   * The {@code .poolvars} files of a directory that are given with {@code --var-file}: all but
   * {@code pool.poolvars} and {@code *.auto.poolvars}, which load by themselves.
   */
  static List<Path> varFiles(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(
              p -> {
                String n = p.getFileName().toString();
                return n.endsWith(".poolvars")
                    && !n.equals("pool.poolvars")
                    && !n.endsWith(".auto.poolvars");
              })
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
