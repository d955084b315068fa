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
 * @param colour whether what goes to {@link #out()} (plans, help) may use ANSI colour
 * @param errColour whether diagnostics on {@link #err()} may: decided by stderr's own terminal, so
 *     {@code pool plan > plan.txt} still colours its errors and {@code 2> log} never does
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
    boolean errColour,
    Interrupts interrupts) {

  public CliContext {
    env = Map.copyOf(env);
  }

  /**
   * One colour decision for both streams and no signals (tests running commands in-process,
   * embedding).
   */
  public CliContext(
      PrintWriter out,
      PrintWriter err,
      InputStream in,
      Map<String, String> env,
      Path cwd,
      boolean colour) {
    this(out, err, in, env, cwd, colour, colour, Interrupts.NONE);
  }

  /**
   * The same context with everything meant for people on {@link #err()}: what {@code apply --json}
   * uses, so standard output carries only its JSON lines.
   */
  public CliContext humanOnStderr() {
    return new CliContext(err, err, in, env, cwd, errColour, errColour, interrupts);
  }

  /** {@code --no-color}: the same context without colour on either stream. */
  public CliContext withoutColour() {
    return new CliContext(out, err, in, env, cwd, false, false, interrupts);
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
    return errColour ? Style.ANSI : Style.PLAIN;
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
