package dev.poolform.cli.commands.state;

import dev.poolform.cli.CliContext;
import dev.poolform.cli.ExitCode;
import dev.poolform.cli.commands.options.AddressParameter;
import dev.poolform.cli.workspace.RuntimeCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code pool state rm ADDR}: forget a pool; its cloud group is left alone. */
@Command(
    name = "rm",
    description = {
      "Forget a pool: remove it from the state and leave its cloud group running.",
      "`pool import` adopts it again."
    })
public final class StateRmCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Mixin StateOptions options;

  @Mixin AddressParameter address;

  public StateRmCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws Exception {
    return RuntimeCommand.run(
        ctx,
        () -> {
          var s = options.open(ctx).stateRm(address.address());
          ctx.out()
              .println(
                  "Removed "
                      + address.address()
                      + " from the state (serial "
                      + s.serial()
                      + "); its cloud group was not touched.");
          return ExitCode.OK;
        });
  }
}
