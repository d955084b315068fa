package dev.poolform.cli.commands.state;

import dev.poolform.cli.CliContext;
import dev.poolform.cli.ExitCode;
import dev.poolform.cli.workspace.RuntimeCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code pool state list}: the addresses in state, one a line. */
@Command(name = "list", description = "List the pool addresses in the state, one a line.")
public final class StateListCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Mixin StateOptions options;

  public StateListCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws Exception {
    return RuntimeCommand.run(
        ctx,
        () -> {
          options.open(ctx).stateList().forEach(ctx.out()::println);
          return ExitCode.OK;
        });
  }
}
