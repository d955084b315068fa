package dev.poolform.cli.commands.state;

import dev.poolform.cli.CliContext;
import dev.poolform.cli.ExitCode;
import dev.poolform.cli.commands.options.AddressParameter;
import dev.poolform.cli.commands.options.ConfigPathParameter;
import dev.poolform.cli.workspace.RuntimeCommand;
import dev.poolform.runtime.ReleaseResult;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code pool state rm ADDR}: forget a pool and release its cloud group, which keeps running but
 * leaves this configuration for good.
 */
@Command(
    name = "rm",
    description = {
      "Forget a pool and release its cloud group: the group keeps running, its Poolform tags are",
      "removed, and this configuration never adopts or deletes it again (the state remembers it",
      "as released). `pool import` takes it back."
    })
public final class StateRmCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Mixin StateOptions options;

  @Mixin AddressParameter address;

  @Parameters(
      index = "1",
      arity = "0..1",
      paramLabel = "PATH",
      description = ConfigPathParameter.CONFIGURATION)
  Path path;

  public StateRmCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws Exception {
    return RuntimeCommand.run(
        ctx,
        () -> {
          ReleaseResult r = options.open(ctx, path).stateRm(address.address());
          ctx.out().println(message(address.address(), r));
          r.untagProblem()
              .ifPresent(
                  p ->
                      ctx.err()
                          .println(
                              "warning: the group's Poolform tags could not be removed ("
                                  + p
                                  + "). The state remembers it as released, so this"
                                  + " configuration will not adopt or delete it; another"
                                  + " configuration needs `pool import --force` to take it."));
          return ExitCode.OK;
        });
  }

  static String message(String address, ReleaseResult r) {
    String head = "Removed " + address + " from the state (serial " + r.state().serial() + ")";
    if (r.released().isEmpty()) return head + "; its cloud group was already gone.";
    var g = r.released().get();
    return head
        + " and released its group "
        + g.group().name()
        + " on "
        + g.cloud().key()
        + ": the group keeps running and this configuration will not touch it again."
        + " `pool import "
        + address
        + " "
        + g.group().cloudId()
        + "` takes it back.";
  }
}
