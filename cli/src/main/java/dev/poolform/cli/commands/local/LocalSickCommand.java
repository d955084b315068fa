package dev.poolform.cli.commands.local;

import dev.poolform.cli.CliContext;
import dev.poolform.cli.ExitCode;
import dev.poolform.runtime.local.LocalCloud;
import dev.poolform.runtime.provider.ProviderException;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code pool local sick NAME [MACHINE_ID]}: a machine starts failing its health checks. */
@Command(
    name = "sick",
    description = {
      "Make a running machine unhealthy. The cloud keeps it; a pool with health { repair = \"replace\" }",
      "shows a repair in the next plan once the grace period has passed."
    })
public final class LocalSickCommand extends LocalGroupCommand {
  @Parameters(
      index = "1",
      arity = "0..1",
      paramLabel = "MACHINE_ID",
      description = "The machine (default: the oldest healthy one).")
  String machineId;

  public LocalSickCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  int on(LocalCloud cloud) throws ProviderException {
    String id = cloud.sick(name, Optional.ofNullable(machineId));
    ctx.out().println("Machine " + id + " of " + name + " is now unhealthy.");
    return ExitCode.OK;
  }
}
