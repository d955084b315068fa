package dev.poolform.cli.commands;

import dev.poolform.cli.CliContext;
import dev.poolform.cli.ExitCode;
import dev.poolform.cli.commands.options.VariableOptions;
import dev.poolform.cli.frontend.Frontend;
import dev.poolform.compiler.Compilation;
import dev.poolform.compiler.diag.render.JsonRenderer;
import dev.poolform.compiler.inputs.VarSource;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pool validate [PATH] [--json]}: parse, resolve, type-check; report diagnostics. */
@Command(
    description = {
      "Check a configuration: syntax, names, types, values and each cloud's rules.",
      "Diagnostics go to stderr (with --json: to stdout, as JSON)."
    },
    footer = {
      "",
      "Exit status: 0 valid (warnings allowed), 1 errors in the configuration, 2 usage or environment error.%n"
    })
public final class ValidateCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "PATH",
      description =
          "A .pool file, or a directory whose .pool files form one configuration (default: the current directory).")
  Path path;

  @Mixin VariableOptions variables;

  @Option(
      names = "--json",
      description =
          "Print diagnostics as JSON on stdout, the format editors read (docs/json.md#diagnostics).")
  boolean json;

  public ValidateCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    return validate(ctx, path, variables.sources(ctx), json);
  }

  /**
   * The command itself, without picocli: {@code Shortcut} runs {@code pool validate [PATH]} through
   * this, with no variables and no JSON.
   */
  public static int validate(CliContext ctx, Path path, List<VarSource> variables, boolean json) {
    Frontend frontend = new Frontend(ctx);
    Compilation c = frontend.compile(frontend.entry(path), variables);
    if (json) {
      ctx.out().print(JsonRenderer.render(c.diagnostics()));
    } else {
      ctx.err().print(ctx.render(c.diagnostics()));
      if (!c.hasErrors()) {
        // Not Optional.map: no lambda on the start path of `validate`
        // (docs/BENCHMARKS.md#cold-start).
        int pools = c.ir().isPresent() ? c.ir().get().pools().size() : 0;
        ctx.out()
            .println("The configuration is valid: " + pools + (pools == 1 ? " pool." : " pools."));
      }
    }
    return c.hasErrors() ? ExitCode.CONFIG_ERROR : ExitCode.OK;
  }
}
