package dev.poolform.cli.commands;

import dev.poolform.cli.CliContext;
import dev.poolform.cli.ExitCode;
import dev.poolform.cli.UsageException;
import dev.poolform.cli.commands.options.ConfigPathParameter;
import dev.poolform.cli.frontend.Frontend;
import dev.poolform.compiler.Compilation;
import dev.poolform.compiler.diag.Diagnostic;
import dev.poolform.files.SafeFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code pool compile [PATH] --emit ir [-o FILE]}: the evaluated configuration, machine-readable.
 */
@Command(
    name = "compile",
    description = {
      "Compile a configuration and print it in a machine-readable form.",
      "Nothing is written when the configuration has errors; diagnostics go to stderr."
    },
    footer = {
      "",
      "Exit status: 0 ok (warnings allowed), 1 errors in the configuration, 2 usage or environment error.%n"
    })
public final class CompileCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Mixin ConfigPathParameter path;

  @Option(
      names = "--emit",
      paramLabel = "FORMAT",
      defaultValue = "ir",
      converter = Emit.Converter.class,
      completionCandidates = Emit.Names.class,
      description =
          "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). ir: canonical JSON, sorted keys (docs/json.md#ir).")
  Emit emit;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description =
          "Write to FILE instead of stdout (a directory for `--emit capi`: one file per pool).")
  Path output;

  public CompileCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Frontend frontend = new Frontend(ctx);
    Compilation c = frontend.compile(frontend.entry(path.path()));
    List<Diagnostic> diagnostics = new ArrayList<>(c.diagnostics());
    Emitter.Result result = null;
    if (!c.hasErrors()) {
      result = emit.emitter().emit(c);
      diagnostics.addAll(result.diagnostics());
    }
    ctx.err().print(ctx.render(diagnostics));
    if (result == null || diagnostics.stream().anyMatch(Diagnostic::isError))
      return ExitCode.CONFIG_ERROR;
    if (output == null) {
      ctx.out().print(result.text());
    } else if (!result.files().isEmpty()) {
      // One file per pool: -o names a directory.
      for (var f : result.files().entrySet())
        write(ctx.resolve(output).resolve(f.getKey()), f.getValue());
    } else {
      write(ctx.resolve(output), result.text());
    }
    return ExitCode.OK;
  }

  /** Write-then-rename so a reader never sees half a file. */
  private void write(Path target, String text) {
    try {
      Path dir = target.toAbsolutePath().getParent();
      if (dir != null) Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".pool-compile", ".tmp");
      try {
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(
            tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UsageException("Cannot write " + output + ": " + SafeFiles.reason(e), e);
    }
  }
}
