package dev.poolform.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs {@code pool} in-process with captured output: what a user would see, without a JVM start.
 */
public record CliRun(int status, String out, String err) {

  public static CliRun run(String... args) {
    return run(Path.of("").toAbsolutePath(), Map.of(), "", args);
  }

  public static CliRun in(Path cwd, String... args) {
    return run(cwd, Map.of(), "", args);
  }

  public static CliRun run(Path cwd, Map<String, String> env, String stdin, String... args) {
    return run(cwd, env, stdin, Interrupts.NONE, args);
  }

  /**
   * {@link #run(Path, Map, String, String...)} with signals the test sends ({@link Interrupts}).
   */
  public static CliRun run(
      Path cwd, Map<String, String> env, String stdin, Interrupts interrupts, String... args) {
    return run(cwd, env, stdin, false, false, interrupts, args);
  }

  /** As if stdout and stderr were terminals (or not) each: ANSI colour allowed per stream. */
  public static CliRun coloured(
      Path cwd,
      Map<String, String> env,
      String stdin,
      boolean outColour,
      boolean errColour,
      String... args) {
    return run(cwd, env, stdin, outColour, errColour, Interrupts.NONE, args);
  }

  private static CliRun run(
      Path cwd,
      Map<String, String> env,
      String stdin,
      boolean outColour,
      boolean errColour,
      Interrupts interrupts,
      String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext ctx =
        new CliContext(
            new PrintWriter(out),
            new PrintWriter(err),
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            env,
            cwd,
            outColour,
            errColour,
            interrupts);
    int status = Main.run(ctx, args);
    return new CliRun(status, out.toString(), err.toString());
  }

  /** A context with discarded output, for tests that only need the command model. */
  public static CliContext contextFor(Path cwd) {
    return new CliContext(
        new PrintWriter(new StringWriter()),
        new PrintWriter(new StringWriter()),
        new ByteArrayInputStream(new byte[0]),
        Map.of(),
        cwd,
        false);
  }

  /** What a user would recognise as a Java stack trace. */
  public boolean hasStackTrace() {
    String all = out + err;
    return all.contains("\tat ")
        || all.contains("Exception in thread")
        || all.matches("(?s).*\\bat [a-z]+\\.[\\w.$]+\\(.*");
  }
}
