package dev.poolform.cli.view;

import dev.poolform.cli.CliContext;
import dev.poolform.cli.ExitCode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;

/**
 * The "Only 'yes' will be accepted" question before apply and destroy. Without a terminal nobody
 * can answer, so the command refuses (unless {@code --auto-approve}) rather than wait on a pipe.
 * {@code POOLFORM_INTERACTIVE=1} treats standard input as a terminal (for wrappers that pipe the
 * answer in, and for tests).
 */
public final class Approval {
  public enum Answer {
    YES,
    NO,
    NO_TERMINAL
  }

  private Approval() {}

  public static boolean interactive(CliContext ctx) {
    return Terminal.attached() || "1".equals(ctx.env().get("POOLFORM_INTERACTIVE"));
  }

  public static Answer ask(CliContext ctx, String question, String detail) {
    if (!interactive(ctx)) return Answer.NO_TERMINAL;
    ctx.out().println(question);
    ctx.out().println("  " + detail);
    ctx.out().println("  Only 'yes' will be accepted to approve.");
    ctx.out().println();
    ctx.out().print("  Enter a value: ");
    ctx.out().flush();
    try {
      String line =
          new BufferedReader(new InputStreamReader(ctx.in(), StandardCharsets.UTF_8)).readLine();
      ctx.out().println();
      return line != null && line.strip().equals("yes") ? Answer.YES : Answer.NO;
    } catch (IOException e) {
      return Answer.NO;
    }
  }

  /**
   * Asks, and when the answer is not "yes" says why the command stops: the exit status to stop
   * with, or empty to go on. Apply and destroy share it so that their refusals read alike.
   *
   * @param verb "Apply" or "Destroy", for "Apply cancelled."
   * @param noTerminalHint what else the user can do without a terminal, appended to the error
   */
  public static OptionalInt refusal(
      CliContext ctx, String verb, String question, String detail, String noTerminalHint) {
    switch (ask(ctx, question, detail)) {
      case NO_TERMINAL:
        ctx.err()
            .println(
                "error: No terminal to ask for approval; run again with --auto-approve"
                    + noTerminalHint
                    + ".");
        return OptionalInt.of(ExitCode.USAGE);
      case NO:
        ctx.out().println(verb + " cancelled.");
        return OptionalInt.of(ExitCode.CONFIG_ERROR);
      default:
        return OptionalInt.empty();
    }
  }
}
