package dev.poolform.cli.commands.options;

import java.nio.file.Path;
import picocli.CommandLine.Parameters;

/**
 * The optional first argument {@code PATH}: the configuration, a {@code .pool} file or a directory
 * of them, for commands whose only argument it is (compile, plan, destroy).
 */
public final class ConfigPathParameter {
  /**
   * How a {@code PATH} argument that follows others ({@code pool state mv FROM TO [PATH]}) is
   * described: a positional parameter's index is fixed, so those commands declare their own.
   */
  public static final String CONFIGURATION =
      "The configuration: a .pool file or a directory (default: the current directory).";

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "PATH",
      description = "A .pool file or a directory of them (default: the current directory).")
  Path path;

  /** The path as given, or null for the current directory (what the compiler front end expects). */
  public Path path() {
    return path;
  }
}
