package dev.poolform.cli.commands.state;

import dev.poolform.cli.CliContext;
import dev.poolform.cli.ExitCode;
import dev.poolform.cli.commands.options.ConfigPathParameter;
import dev.poolform.cli.workspace.RuntimeCommand;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code pool state list}: the addresses in state, one a line. */
@Command(name = "list", description = "List the pool addresses in the state, one a line.")
public final class StateListCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Mixin StateOptions options;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "PATH",
      description = ConfigPathParameter.CONFIGURATION)
  Path path;

  public StateListCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws Exception {
    return RuntimeCommand.run(
        ctx,
        () -> {
          options.open(ctx, path).stateList().forEach(ctx.out()::println);
          return ExitCode.OK;
        });
  }
}
