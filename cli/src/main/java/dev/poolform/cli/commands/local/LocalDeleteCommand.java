package dev.poolform.cli.commands.local;

import dev.poolform.cli.CliContext;
import dev.poolform.cli.ExitCode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code pool local delete NAME}: a group deleted behind Poolform's back. */
@Command(
    name = "delete",
    description = {
      "Delete a group and its machines behind Poolform's back, as someone in a cloud console would.",
      "The next plan shows the group as deleted outside Poolform and creates the pool again."
    })
public final class LocalDeleteCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Mixin LocalOptions options;

  @Parameters(index = "0", paramLabel = "NAME", description = LocalOptions.GROUP)
  String name;

  public LocalDeleteCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws Exception {
    return options.onGroup(
        ctx,
        name,
        cloud -> {
          if (!cloud.delete(name)) {
            ctx.err()
                .println("error: The local cloud " + cloud.name() + " has no group " + name + ".");
            return ExitCode.CONFIG_ERROR;
          }
          ctx.out().println("Deleted group " + name + " (local cloud " + cloud.name() + ").");
          return ExitCode.OK;
        });
  }
}
