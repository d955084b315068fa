package dev.poolform.cli.commands;

import dev.poolform.cli.CliContext;
import dev.poolform.cli.ExitCode;
import dev.poolform.cli.UsageException;
import dev.poolform.cli.frontend.Frontend;
import dev.poolform.cli.text.UnifiedDiff;
import dev.poolform.compiler.format.FormatResult;
import dev.poolform.compiler.resolve.SourceText;
import dev.poolform.files.SafeFiles;
import dev.poolform.source.SourceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pool fmt [PATH] [--check] [--diff]}, like {@code terraform fmt}: rewrites files into the
 * canonical layout in place and lists the files it changed; {@code --check} changes nothing and
 * exits 1 if any file needs formatting; {@code --diff} shows what changes; {@code -} formats
 * standard input to standard output.
 */
@Command(
    description = {
      "Rewrite .pool files in the canonical layout (comments are kept; formatting twice changes nothing).",
      "Lists the files it changed. PATH '-' reads standard input and prints the result."
    },
    footer = {
      "",
      "Exit status: 0 ok, 1 files need formatting (--check) or have syntax errors, 2 usage or environment error.%n"
    })
public final class FmtCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "PATH",
      description =
          "A .pool file, a directory of them, or - for standard input (default: the current directory).")
  String path;

  @Option(
      names = "--check",
      description = "Change nothing; list files that need formatting and exit 1 if there are any.")
  boolean check;

  @Option(names = "--diff", description = "Print a unified diff of the changes.")
  boolean diff;

  @Option(
      names = "--write",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "Rewrite files in place (default; --no-write leaves them alone, --check implies it).")
  boolean write;

  @Option(
      names = {"-r", "--recursive"},
      description = "Also format .pool files in subdirectories.")
  boolean recursive;

  public FmtCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Frontend frontend = new Frontend(ctx);
    if ("-".equals(path)) return stdin(frontend);
    Path root = ctx.resolve(Path.of(path == null ? "." : path));
    if (!Files.exists(root)) throw new UsageException("No such file or directory: " + path + ".");
    int status = ExitCode.OK;
    for (Path file : files(root)) {
      status = Math.max(status, one(frontend, file));
    }
    return status;
  }

  private int stdin(Frontend frontend) {
    SourceText decoded;
    try {
      decoded = SourceText.decode(ctx.in().readAllBytes());
    } catch (IOException e) {
      throw new UsageException("Cannot read standard input: " + SafeFiles.reason(e), e);
    }
    String text = decoded.text();
    SourceFile source = SourceFile.of("<stdin>", text);
    if (notUtf8(decoded, source)) return ExitCode.CONFIG_ERROR;
    FormatResult f = frontend.format(source);
    if (f.hasErrors()) {
      ctx.err().print(ctx.render(f.diagnostics()));
      return ExitCode.CONFIG_ERROR;
    }
    if (diff) ctx.out().print(UnifiedDiff.diff("<stdin>", "<stdin>", text, f.text()));
    if (check) return f.text().equals(text) ? ExitCode.OK : ExitCode.CONFIG_ERROR;
    if (!diff) ctx.out().print(f.text());
    return ExitCode.OK;
  }

  private int one(Frontend frontend, Path file) {
    String shown = display(file);
    SourceText decoded;
    try {
      decoded = SourceText.decode(Files.readAllBytes(file));
    } catch (IOException e) {
      ctx.err().println("error: Cannot read " + shown + ": " + SafeFiles.reason(e));
      return ExitCode.USAGE;
    }
    String text = decoded.text();
    SourceFile source = new SourceFile(file, shown, text);
    if (notUtf8(decoded, source)) return ExitCode.CONFIG_ERROR;
    FormatResult f = frontend.format(source);
    if (f.hasErrors()) {
      ctx.err().print(ctx.render(f.diagnostics()));
      return ExitCode.CONFIG_ERROR;
    }
    if (f.text().equals(text)) return ExitCode.OK;
    if (diff) ctx.out().print(UnifiedDiff.diff("a/" + shown, "b/" + shown, text, f.text()));
    if (check) {
      if (!diff) ctx.out().println(shown);
      return ExitCode.CONFIG_ERROR;
    }
    if (write) {
      replace(file, f.text());
      if (!diff) ctx.out().println(shown);
    }
    return ExitCode.OK;
  }

  private List<Path> files(Path root) {
    if (Files.isRegularFile(root)) return List.of(root);
    List<Path> out = new ArrayList<>();
    try (Stream<Path> s = recursive ? Files.walk(root) : Files.list(root)) {
      s.filter(p -> p.getFileName().toString().endsWith(".pool"))
          .filter(Files::isRegularFile)
          .filter(p -> !hidden(root.relativize(p)))
          .sorted()
          .forEach(out::add);
    } catch (IOException e) {
      throw new UsageException("Cannot list " + display(root) + ": " + SafeFiles.reason(e), e);
    }
    return out;
  }

  /** Skip hidden directories ({@code .git}, {@code .poolform}) and build output. */
  private static boolean hidden(Path relative) {
    for (Path part : relative) {
      String s = part.toString();
      if (s.startsWith(".") || s.equals("target")) return true;
    }
    return false;
  }

  private String display(Path p) {
    Path rel = p.startsWith(ctx.cwd()) ? ctx.cwd().relativize(p) : p;
    String s = rel.toString().replace('\\', '/');
    return s.isEmpty() ? "." : s;
  }

  /**
   * A file with bytes that are not UTF-8 is left alone rather than corrupted: the same E0105 that
   * {@code validate} reports, at the first such byte.
   */
  private boolean notUtf8(SourceText decoded, SourceFile source) {
    var error = decoded.error(source);
    error.ifPresent(d -> ctx.err().print(ctx.render(java.util.List.of(d))));
    return error.isPresent();
  }

  private void replace(Path file, String text) {
    try {
      Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".pool-fmt", ".tmp");
      try {
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        try {
          Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(file));
        } catch (UnsupportedOperationException e) {
          // not a POSIX file system: the platform's defaults apply
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UsageException("Cannot write " + display(file) + ": " + SafeFiles.reason(e), e);
    }
  }
}
