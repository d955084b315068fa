package dev.poolform.cli.frontend;

import dev.poolform.cli.CliContext;
import dev.poolform.cli.UsageException;
import dev.poolform.compiler.Compilation;
import dev.poolform.compiler.CompileOptions;
import dev.poolform.compiler.Compiler;
import dev.poolform.compiler.format.FormatResult;
import dev.poolform.compiler.format.Formatter;
import dev.poolform.compiler.inputs.VarSource;
import dev.poolform.source.SourceFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Compiles and formats for the commands; checks the path first (environment errors exit 2). */
public final class Frontend {
  private final CliContext ctx;

  public Frontend(CliContext ctx) {
    this.ctx = ctx;
  }

  /** A {@code .pool} file or a directory of them; the current directory when absent. */
  public Path entry(Path argument) {
    Path p = ctx.resolve(argument == null ? Path.of(".") : argument);
    if (!Files.exists(p)) throw new UsageException("No such file or directory: " + argument + ".");
    if (!Files.isReadable(p))
      throw new UsageException("Cannot read " + argument + ": permission denied.");
    if (Files.isRegularFile(p) && !p.getFileName().toString().endsWith(".pool")) {
      throw new UsageException("Not a .pool file: " + argument + ".");
    }
    if (Files.isDirectory(p) && !hasPoolFiles(p)) {
      throw new UsageException(
          "No .pool files in "
              + (argument == null ? "the current directory" : argument.toString())
              + "; name a .pool file or a directory that holds some.");
    }
    return p;
  }

  /**
   * What the compiler would read of a directory: its own {@code .pool} files, not sub-folders. A
   * loop, not a stream: {@code pool validate} with no path lists a directory on its start path
   * (docs/BENCHMARKS.md#cold-start).
   */
  private static boolean hasPoolFiles(Path dir) {
    try (java.nio.file.DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      for (Path f : s) {
        if (f.getFileName().toString().endsWith(".pool") && Files.isRegularFile(f)) return true;
      }
      return false;
    } catch (java.io.IOException | java.nio.file.DirectoryIteratorException e) {
      return true; // the compiler reports the listing failure, located
    }
  }

  public Compilation compile(Path entry) {
    return compile(entry, List.of());
  }

  /** Compiles with the {@code --var} and {@code --var-file} options, in command-line order. */
  public Compilation compile(Path entry, List<VarSource> variables) {
    return compile(new CompileOptions(entry, Optional.empty(), ctx.env(), variables));
  }

  /** The configuration's {@code state} block alone ({@link Compiler#stateBlock}). */
  public Compilation stateBlock(Path entry) {
    return Compiler.stateBlock(new CompileOptions(entry, Optional.empty(), ctx.env(), List.of()));
  }

  public Compilation compile(CompileOptions options) {
    return Compiler.compile(options);
  }

  /** Formats one file; the text is the original when syntax errors stopped formatting. */
  public FormatResult format(SourceFile file) {
    return Formatter.format(file);
  }
}
