package dev.poolform.cli;

import dev.poolform.cli.view.Terminal;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;

/** Entry point of the runnable jar and of {@code ./pool}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // JGit and the AWS SDK log through SLF4J, which has no binding here and would otherwise print
    // a three-line warning to stderr on every AWS command.
    if (System.getProperty("slf4j.internal.verbosity") == null)
      System.setProperty("slf4j.internal.verbosity", "ERROR");
    Map<String, String> env = System.getenv();
    boolean terminal = Terminal.attached();
    boolean errTerminal = Terminal.stderrAttached();
    PrintWriter out = utf8(new FileOutputStream(FileDescriptor.out));
    PrintWriter err = utf8(new FileOutputStream(FileDescriptor.err));
    CliContext ctx =
        new CliContext(
            out,
            err,
            System.in,
            env,
            Path.of("").toAbsolutePath(),
            CliContext.wantsColour(terminal, env),
            CliContext.wantsColour(errTerminal, env),
            new OsInterrupts());
    int status = run(ctx, args);
    if (Shortcut.of(args).isPresent()) {
      // From Java 21 on, Runtime.exit looks up a System.Logger to log the exit, which sets up the
      // logging backend's service loading, streams and lambdas: about 6 ms of a cold validate on
      // Java 25 (docs/BENCHMARKS.md#cold-start-java-25s-exit-and-console). The validate shortcut
      // runs the compiler alone, which registers no shutdown hook, so it halts once its output is
      // flushed; every other command exits, running the libraries' hooks.
      out.flush();
      err.flush();
      System.out.flush();
      System.err.flush();
      Runtime.getRuntime().halt(status);
    }
    System.exit(status);
  }

  /**
   * Runs one command line and returns its exit status; never throws (anything unexpected becomes
   * exit status 2). Tests call this with captured streams.
   */
  public static int run(CliContext ctx, String... args) {
    // --no-color is an option of every command (PoolCommand), but the context the commands are
    // built with must know it first.
    for (String a : args) {
      if (a.equals("--")) break;
      if (a.equals(PoolCommand.NO_COLOR)) ctx = ctx.withoutColour();
    }
    Optional<Shortcut> shortcut = Shortcut.of(args);
    if (shortcut.isPresent()) return shortcut.get().run(ctx);
    CommandLine cmd;
    try {
      cmd = commandLine(ctx, PoolCommand.named(args));
    } catch (RuntimeException e) {
      ctx.err().println("internal error: " + ErrorHandlers.oneLine(String.valueOf(e)));
      ctx.err().flush();
      return ExitCode.USAGE;
    }
    return execute(cmd, ctx, args);
  }

  /**
   * Runs one command line on a command built by {@link #commandLine(CliContext)} for the same
   * context; a command line may be reused (picocli resets options before each parse).
   */
  static int execute(CommandLine cmd, CliContext ctx, String... args) {
    int status;
    try {
      status = cmd.execute(args);
    } catch (Throwable t) { // e.g. an error while building the command model: still no stack trace
      status = internalError(ctx, t);
    } finally {
      ctx.out().flush();
      ctx.err().flush();
    }
    return status;
  }

  /** What escaped a command (an Error, say): one line, the stack only when debugging; status 2. */
  static int internalError(CliContext ctx, Throwable t) {
    ctx.err().println("internal error: " + ErrorHandlers.oneLine(String.valueOf(t)));
    if (ctx.debug()) t.printStackTrace(ctx.err());
    return ExitCode.USAGE;
  }

  /** The whole command line, every subcommand included. */
  static CommandLine commandLine(CliContext ctx) {
    return commandLine(ctx, Optional.empty());
  }

  /**
   * The command line with only {@code only} when given (a command line whose first word names a
   * subcommand needs no other), else with every subcommand (for {@code pool --help}, or to suggest
   * a name for a mistyped one).
   */
  static CommandLine commandLine(CliContext ctx, Optional<PoolCommand.Subcommand> only) {
    ContextFactory factory = new ContextFactory(ctx);
    CommandLine cmd;
    try {
      cmd = new CommandLine(factory.create(PoolCommand.class), factory);
      for (PoolCommand.Subcommand s : PoolCommand.SUBCOMMANDS) {
        if (only.isEmpty() || only.get().name().equals(s.name()))
          cmd.addSubcommand(s.name(), factory.create(s.type()));
      }
    } catch (Exception e) {
      throw new IllegalStateException("cannot build the command line", e);
    }
    ErrorHandlers handlers = new ErrorHandlers(ctx);
    cmd.setOut(ctx.out());
    cmd.setErr(ctx.err());
    cmd.setCaseInsensitiveEnumValuesAllowed(true);
    cmd.setColorScheme(
        CommandLine.Help.defaultColorScheme(
            ctx.colour() ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
    cmd.setParameterExceptionHandler(handlers);
    cmd.setExecutionExceptionHandler(handlers);
    HelpLayout.apply(cmd, ctx.env());
    return cmd;
  }

  private static PrintWriter utf8(FileOutputStream stream) {
    return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
  }
}
