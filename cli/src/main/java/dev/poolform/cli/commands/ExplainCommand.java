package dev.poolform.cli.commands;

import dev.poolform.cli.CliContext;
import dev.poolform.cli.ExitCode;
import dev.poolform.cli.UsageException;
import dev.poolform.compiler.diag.Code;
import dev.poolform.compiler.diag.render.Explanations;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code pool explain [CODE]}: the long explanation of a diagnostic code, or the list of codes. */
@Command(
    description = {
      "Explain a diagnostic code (e.g. E0402): what it means, an example and how to fix it.",
      "Without CODE, list every code."
    },
    footer = {"", "Exit status: 0 ok, 2 no such code or a usage error.%n"})
public final class ExplainCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "CODE",
      description = "A code such as E0402 (any case).")
  String code;

  public ExplainCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (code == null) {
      for (Code c : Code.values()) {
        ctx.out().println(c.name() + "  " + c.severity().label() + "  " + c.title());
      }
      return ExitCode.OK;
    }
    Code c =
        Explanations.parse(code)
            .orElseThrow(
                () ->
                    new UsageException(
                        "Unknown code `" + code + "`; `pool explain` lists every code."));
    String text =
        Explanations.of(c).orElseThrow(() -> new IllegalStateException("no explanation for " + c));
    ctx.out().print(text.endsWith("\n") ? text : text + "\n");
    return ExitCode.OK;
  }
}
