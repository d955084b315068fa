package dev.poolform.cli;

import dev.poolform.cli.workspace.JsonErrors;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns every failure that is not a diagnostic into one line on stderr and exit status 2. Users
 * never see a stack trace; {@code POOLFORM_DEBUG=1} adds it for bug reports.
 */
final class ErrorHandlers implements IParameterExceptionHandler, IExecutionExceptionHandler {
  private final CliContext ctx;

  ErrorHandlers(CliContext ctx) {
    this.ctx = ctx;
  }

  /** Bad flags or arguments: a short message and where to find help. */
  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = ctx.err();
    String message =
        ex instanceof UnmatchedArgumentException u ? unmatched(u, cmd) : oneLine(ex.getMessage());
    err.println("error: " + message);
    if (ex instanceof UnmatchedArgumentException u) {
      UnmatchedArgumentException.printSuggestions(u, err);
    }
    err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
    err.flush();
    // A command run with --json ends with JSON also when picocli refuses its arguments.
    JsonErrors.of(asksJson(cmd, args), cmd.getCommand()).print(ctx, List.of(), List.of(message));
    return ExitCode.USAGE;
  }

  /**
   * Whether the command line asked {@code cmd} for JSON: {@code cmd} has a {@code --json} option
   * and the arguments hold it. The arguments are read as written, since picocli did not finish
   * parsing them.
   */
  private static boolean asksJson(CommandLine cmd, String[] args) {
    if (cmd.getCommandSpec().findOption("--json") == null) return false;
    for (String a : args) {
      if (a.equals("--")) return false;
      if (a.equals("--json")) return true;
    }
    return false;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    return failed(ctx, ex);
  }

  /** A command that threw: one line on stderr (the stack trace only when debugging), status 2. */
  static int failed(CliContext ctx, Exception ex) {
    PrintWriter err = ctx.err();
    if (ex instanceof UsageException) {
      err.println("error: " + oneLine(ex.getMessage()));
    } else {
      String what =
          ex.getMessage() == null
              ? ex.getClass().getName()
              : ex.getClass().getSimpleName() + ": " + ex.getMessage();
      err.println("internal error: " + oneLine(what));
      if (!ctx.debug()) {
        err.println(
            "This is a bug in Poolform; run again with POOLFORM_DEBUG=1 for details and report it.");
      }
    }
    if (ctx.debug()) {
      StringWriter sw = new StringWriter();
      ex.printStackTrace(new PrintWriter(sw));
      err.print(sw);
    }
    err.flush();
    return ExitCode.USAGE;
  }

  /**
   * What the user typed that no option or parameter takes, in their words: picocli's own message
   * counts arguments from zero ("Unmatched argument at index 2").
   */
  private static String unmatched(UnmatchedArgumentException u, CommandLine cmd) {
    String first = u.getUnmatched().isEmpty() ? "" : u.getUnmatched().get(0);
    if (u.isUnknownOption()) return oneLine(u.getMessage());
    if (!cmd.getSubcommands().isEmpty() && !first.startsWith("-")) {
      return cmd.getCommandSpec().qualifiedName() + " has no command '" + first + "'.";
    }
    return "Unexpected argument"
        + (u.getUnmatched().size() > 1 ? "s " : " ")
        + String.join(" ", u.getUnmatched().stream().map(a -> "'" + a + "'").toList())
        + ".";
  }

  static String oneLine(String s) {
    if (s == null) return "";
    String t = s.strip().replaceAll("\\s*\\R\\s*", " ");
    return t.length() > 500 ? t.substring(0, 500) + "..." : t;
  }
}
