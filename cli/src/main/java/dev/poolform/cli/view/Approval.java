package dev.poolform.cli.view;

import dev.poolform.cli.CliContext;
import dev.poolform.cli.ExitCode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;

/**
 * The "Only 'yes' will be accepted" question before apply and destroy. As in Terraform the answer
 * is read from standard input whether or not it is a terminal, so {@code echo yes | pool apply} and
 * {@code pool apply | tee log} both work. When standard input has nothing to give (closed, at its
 * end: CI, {@code < /dev/null}) nobody can answer, and the command refuses rather than guess.
 */
public final class Approval {
  public enum Answer {
    YES,
    NO,
    NO_INPUT
  }

  private Approval() {}

  public static Answer ask(CliContext ctx, String question, String detail) {
    ctx.out().println(question);
    ctx.out().println("  " + detail);
    ctx.out().println("  Only 'yes' will be accepted to approve.");
    ctx.out().println();
    ctx.out().print("  Enter a value: ");
    ctx.out().flush();
    String line;
    try {
      line = new BufferedReader(new InputStreamReader(ctx.in(), StandardCharsets.UTF_8)).readLine();
    } catch (IOException e) {
      line = null; // a standard input that cannot be read cannot answer either
    }
    ctx.out().println();
    if (line == null) return Answer.NO_INPUT;
    return line.strip().equals("yes") ? Answer.YES : Answer.NO;
  }

  /**
   * Asks, and when the answer is not "yes" says why the command stops: the exit status to stop
   * with, or empty to go on. Apply and destroy share it so that their refusals read alike.
   *
   * @param verb "Apply" or "Destroy", for "Apply cancelled."
   * @param noInputHint what else the user can do without anyone to answer, appended to the error
   */
  public static OptionalInt refusal(
      CliContext ctx, String verb, String question, String detail, String noInputHint) {
    switch (ask(ctx, question, detail)) {
      case NO_INPUT:
        ctx.err()
            .println(
                "error: No answer: standard input is closed, so nobody can approve; run again with"
                    + " --auto-approve"
                    + noInputHint
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
