package dev.poolform.cli.commands;

import dev.poolform.cli.CliContext;
import dev.poolform.cli.ExitCode;
import dev.poolform.cli.commands.options.ConfigPathParameter;
import dev.poolform.cli.commands.options.StateFileOption;
import dev.poolform.cli.workspace.RuntimeCommand;
import dev.poolform.cli.workspace.Target;
import dev.poolform.runtime.state.LockInfo;
import dev.poolform.runtime.state.StateLock;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code pool force-unlock ID [PATH] [--state PATH]}: remove a lock left by a dead process. */
@Command(
    description = {
      "Remove the state lock with this ID, left by a process that died (the error of a locked",
      "command names the ID). Only do this when no other Poolform process is running here."
    },
    footer = {"", "Exit status: 0 removed, 1 no lock with this ID, 2 usage error.%n"})
public final class ForceUnlockCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(index = "0", paramLabel = "ID", description = "The lock's id.")
  String id;

  @Parameters(
      index = "1",
      arity = "0..1",
      paramLabel = "PATH",
      description = ConfigPathParameter.CONFIGURATION)
  Path path;

  @Mixin StateFileOption state;

  public ForceUnlockCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws Exception {
    return RuntimeCommand.run(
        ctx,
        () -> {
          LockInfo removed =
              state.open(ctx, Target.configuration(ctx, path, state.given())).forceUnlock(id);
          ctx.out().println(StateLock.removed(removed));
          return ExitCode.OK;
        });
  }
}
