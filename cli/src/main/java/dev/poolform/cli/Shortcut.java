package dev.poolform.cli;

import dev.poolform.cli.commands.ValidateCommand;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A command line simple enough to run without picocli: {@code pool validate} with at most a path.
 * Building picocli's command model costs a cold start more CPU than the whole Hello World it is
 * measured against (docs/BENCHMARKS.md#cold-start), and {@code pool validate FILE} is what editors'
 * save hooks, pre-commit hooks and CI run most. Anything else (an option, {@code --help}, an
 * {@code @argument-file}, a second path) goes to picocli, which owns every message about usage; a
 * shortcut runs the same command through the same code ({@link ValidateCommand#validate}).
 *
 * @param path the path given, or null for the current directory (as picocli leaves it)
 */
record Shortcut(Path path) {

  /** The shortcut for {@code args}, or empty when picocli must parse them. */
  static Optional<Shortcut> of(String... args) {
    if (args.length == 0 || args.length > 2 || !args[0].equals("validate")) return Optional.empty();
    if (args.length == 1) return Optional.of(new Shortcut(null));
    String a = args[1];
    // Options, `--`, and picocli's @file expansion; an empty word is left to picocli too.
    if (a.isEmpty() || a.startsWith("-") || a.startsWith("@")) return Optional.empty();
    try {
      return Optional.of(new Shortcut(Path.of(a)));
    } catch (InvalidPathException e) {
      return Optional.empty(); // picocli's message names the parameter
    }
  }

  /** Runs it as picocli runs a command: a failure becomes one line on stderr and status 2. */
  int run(CliContext ctx) {
    try {
      return ValidateCommand.validate(ctx, path, List.of(), false);
    } catch (RuntimeException e) {
      return ErrorHandlers.failed(ctx, e);
    } catch (Error e) { // as Main does for picocli's commands
      return Main.internalError(ctx, e);
    } finally {
      ctx.out().flush();
      ctx.err().flush();
    }
  }
}
