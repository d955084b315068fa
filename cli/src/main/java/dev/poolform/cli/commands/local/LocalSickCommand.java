package dev.poolform.cli.commands.local;

import dev.poolform.cli.CliContext;
import dev.poolform.cli.ExitCode;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code pool local sick NAME [MACHINE_ID]}: a machine starts failing its health checks. */
@Command(
    name = "sick",
    description = {
      "Make a running machine unhealthy. The cloud keeps it; a pool with health { repair = \"replace\" }",
      "shows a repair in the next plan once the grace period has passed."
    })
public final class LocalSickCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Mixin LocalOptions options;

  @Parameters(index = "0", paramLabel = "NAME", description = LocalOptions.GROUP)
  String name;

  @Parameters(
      index = "1",
      arity = "0..1",
      paramLabel = "MACHINE_ID",
      description = "The machine (default: the oldest healthy one).")
  String machineId;

  public LocalSickCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws Exception {
    return options.onGroup(
        ctx,
        name,
        cloud -> {
          String id = cloud.sick(name, Optional.ofNullable(machineId));
          ctx.out().println("Machine " + id + " of " + name + " is now unhealthy.");
          return ExitCode.OK;
        });
  }
}
