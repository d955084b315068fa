package dev.poolform.cli.commands;

import dev.poolform.cli.CliContext;
import dev.poolform.cli.ExitCode;
import dev.poolform.cli.UsageException;
import dev.poolform.cli.commands.options.ConfigPathParameter;
import dev.poolform.cli.commands.options.VariableOptions;
import dev.poolform.cli.frontend.Frontend;
import dev.poolform.compiler.Compilation;
import dev.poolform.compiler.diag.Diagnostic;
import dev.poolform.files.SafeFiles;
import dev.poolform.ir.IrPool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code pool compile [PATH] --emit ir [-o FILE]}: the evaluated configuration, machine-readable.
 */
@Command(
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

  @Mixin VariableOptions variables;

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
      names = "--target",
      paramLabel = "ADDR",
      description =
          "With --emit capi: emit only this pool (pool.NAME or NAME; repeatable), and fail if it"
              + " cannot be emitted. Without it, pools that cannot be are left out with a warning.")
  List<String> targets = new ArrayList<>();

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
    Compilation c = frontend.compile(frontend.entry(path.path()), variables.sources(ctx));
    List<Diagnostic> diagnostics = new ArrayList<>(c.diagnostics());
    Emitter.Result result = null;
    if (!c.hasErrors()) {
      result = emit.emitter().emit(c, targets(c));
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

  /**
   * The {@code --target} addresses, each naming a pool of the configuration ({@code web} is read as
   * {@code pool.web}); any other is a usage error, and so is {@code --target} with {@code --emit
   * ir}, which always holds every pool.
   */
  private Set<String> targets(Compilation c) {
    if (targets.isEmpty()) return Set.of();
    if (emit != Emit.CAPI) {
      throw new UsageException(
          "--target selects the pools of --emit capi; --emit " + emit + " holds every pool.");
    }
    Set<String> known = new TreeSet<>();
    c.ir().orElseThrow().pools().forEach(p -> known.add(p.address()));
    Set<String> out = new TreeSet<>();
    for (String t : targets) {
      String address = t.startsWith("pool.") ? t : IrPool.addressOf(t);
      if (!known.contains(address)) {
        throw new UsageException(
            "--target "
                + t
                + ": the configuration has no pool `"
                + address
                + "`. Its pools: "
                + String.join(", ", known)
                + ".");
      }
      out.add(address);
    }
    return out;
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
