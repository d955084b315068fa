package dev.poolform.cli.workspace;

import dev.poolform.cli.CliContext;
import dev.poolform.cli.ExitCode;
import dev.poolform.cli.UsageException;
import dev.poolform.cli.frontend.Frontend;
import dev.poolform.compiler.Compilation;
import dev.poolform.compiler.diag.render.TextRenderer;
import dev.poolform.compiler.inputs.VarSource;
import dev.poolform.ir.IrConfig;
import dev.poolform.runtime.state.StateOwner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The configuration a runtime command works on: a {@code .pool} file or a directory (default: the
 * current directory), compiled; and its workspace directory, where the state file and the local
 * cloud live (the directory itself, or the file's directory).
 */
public record Target(Path entry, Path directory, IrConfig config) {

  /**
   * Compiles {@code path} with the command's {@code --var} and {@code --var-file}s (every command
   * that compiles takes them: docs/cli.md#variables); prints diagnostics; configuration errors end
   * the command with 1.
   */
  public static Target compile(CliContext ctx, Path path, List<VarSource> variables) {
    Frontend frontend = new Frontend(ctx);
    Path entry = frontend.entry(path);
    return checked(ctx, entry, frontend.compile(entry, variables));
  }

  /**
   * The configuration's {@code state} block alone, nothing evaluated (the pools are left out): for
   * the commands that only need to know where the state is.
   */
  public static Target stateBlock(CliContext ctx, Path path) {
    Frontend frontend = new Frontend(ctx);
    Path entry = frontend.entry(path);
    return checked(ctx, entry, frontend.stateBlock(entry));
  }

  private static Target checked(CliContext ctx, Path entry, Compilation c) {
    String text = new TextRenderer(ctx.style()).render(c.diagnostics());
    if (!text.isEmpty()) ctx.err().print(text);
    if (c.hasErrors() || c.ir().isEmpty())
      throw new CommandFailed(ExitCode.CONFIG_ERROR, c.diagnostics(), List.of());
    return new Target(entry, directoryOf(entry), c.ir().get());
  }

  public static Path directoryOf(Path entry) {
    return Files.isDirectory(entry) ? entry : entry.toAbsolutePath().getParent();
  }

  /**
   * The workspace directory for commands that read what the whole folder shares ({@code events}):
   * the directory itself, or a file's directory.
   */
  public static Path directory(CliContext ctx, Path path) {
    return directoryOf(entry(ctx, path));
  }

  /** The configuration a command names: a file or a directory (default: the current one). */
  public static Path entry(CliContext ctx, Path path) {
    Path p = ctx.resolve(path == null ? Path.of(".") : path);
    if (!Files.exists(p)) throw new UsageException("No such file or directory: " + path + ".");
    return p;
  }

  /**
   * The configuration for commands that do not compile it ({@code show}, {@code state}, {@code
   * force-unlock}): a {@code .pool} file or a directory (default: the current directory). Empty
   * when no path was given but {@code --state} was: the command works on that state file alone. A
   * directory without {@code pool.state.json} whose single-file configurations keep their own
   * states is a usage error naming them: the command would otherwise quietly show an empty state.
   */
  public static Optional<Path> configuration(CliContext ctx, Path path, boolean stateGiven) {
    if (path == null && stateGiven) return Optional.empty();
    Path p = entry(ctx, path);
    if (Files.isRegularFile(p) && !p.getFileName().toString().endsWith(".pool")) {
      throw new UsageException("Not a .pool file or a directory: " + path + ".");
    }
    if (Files.isDirectory(p) && !stateGiven) refuseAmbiguousDirectory(p);
    return Optional.of(p);
  }

  private static void refuseAmbiguousDirectory(Path dir) {
    if (Files.exists(dir.resolve(StateOwner.DIRECTORY_STATE))) return;
    List<String> states;
    try (Stream<Path> files = Files.list(dir)) {
      states =
          files
              .map(f -> f.getFileName().toString())
              .filter(n -> n.endsWith(".state.json"))
              .sorted()
              .toList();
    } catch (IOException e) {
      return;
    }
    if (states.isEmpty()) return;
    String example = states.get(0).replace(".state.json", ".pool");
    throw new UsageException(
        dir
            + " has no "
            + StateOwner.DIRECTORY_STATE
            + ": its configurations keep their own states ("
            + String.join(", ", states)
            + "). Name the configuration (e.g. "
            + dir.resolve(example)
            + ") or the state (--state).");
  }
}
