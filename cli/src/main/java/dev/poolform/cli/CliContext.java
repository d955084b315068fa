package dev.poolform.cli;

import dev.poolform.compiler.diag.render.Style;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a command may touch of the outside world, passed in so tests run commands in-process with
 * captured output, a chosen environment and a chosen working directory. Commands receive it in
 * their constructor (see {@link ContextFactory}).
 *
 * @param out the command's result (IR, JSON, formatted text)
 * @param err diagnostics, progress and messages for people
 * @param in standard input ({@code pool fmt -})
 * @param env the environment: {@code env()} in configurations, {@code NO_COLOR}, {@code
 *     POOLFORM_DEBUG}
 * @param cwd relative paths on the command line are resolved against this
 * @param colour whether text output may use ANSI colour
 * @param interrupts where Ctrl-C and SIGTERM reach an apply (the process's signals in {@code pool};
 *     none in-process)
 */
public record CliContext(
    PrintWriter out,
    PrintWriter err,
    InputStream in,
    Map<String, String> env,
    Path cwd,
    boolean colour,
    Interrupts interrupts) {

  public CliContext {
    env = Map.copyOf(env);
  }

  /** A context whose commands never see a signal (tests running commands in-process). */
  public CliContext(
      PrintWriter out,
      PrintWriter err,
      InputStream in,
      Map<String, String> env,
      Path cwd,
      boolean colour) {
    this(out, err, in, env, cwd, colour, Interrupts.NONE);
  }

  /** At most this many diagnostics are shown as text; {@code --json} lists all. */
  public static final int MAX_SHOWN_DIAGNOSTICS = 100;

  /**
   * Diagnostics as text for {@link #err()}: in colour when allowed, at most {@link
   * #MAX_SHOWN_DIAGNOSTICS}.
   */
  public String render(java.util.List<dev.poolform.compiler.diag.Diagnostic> diagnostics) {
    return new dev.poolform.compiler.diag.render.TextRenderer(style())
        .render(diagnostics, MAX_SHOWN_DIAGNOSTICS);
  }

  public Style style() {
    return colour ? Style.ANSI : Style.PLAIN;
  }

  /** A command-line path, made absolute against {@link #cwd()}. */
  public Path resolve(Path p) {
    return cwd.resolve(p).normalize();
  }

  public boolean debug() {
    return "1".equals(env.getOrDefault("POOLFORM_DEBUG", ""));
  }

  /**
   * Colour only for a terminal, never with {@code NO_COLOR} set to anything non-empty
   * (no-color.org), never on a dumb terminal.
   */
  public static boolean wantsColour(boolean terminal, Map<String, String> env) {
    return terminal
        && env.getOrDefault("NO_COLOR", "").isEmpty()
        && !"dumb".equals(env.getOrDefault("TERM", ""));
  }
}
