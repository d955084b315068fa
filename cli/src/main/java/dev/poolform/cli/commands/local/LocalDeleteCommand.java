package dev.poolform.cli.commands.local;

import dev.poolform.cli.CliContext;
import dev.poolform.cli.ExitCode;
import dev.poolform.runtime.local.LocalCloud;
import dev.poolform.runtime.provider.ProviderException;
import picocli.CommandLine.Command;

/** {@code pool local delete NAME}: a group deleted behind Poolform's back. */
@Command(
    name = "delete",
    description = {
      "Delete a group and its machines behind Poolform's back, as someone in a cloud console would.",
      "The next plan shows the group as deleted outside Poolform and creates the pool again."
    })
public final class LocalDeleteCommand extends LocalGroupCommand {
  public LocalDeleteCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  int on(LocalCloud cloud) throws ProviderException {
    if (!cloud.delete(name)) {
      ctx.err().println("error: The local cloud " + cloud.name() + " has no group " + name + ".");
      return ExitCode.CONFIG_ERROR;
    }
    ctx.out().println("Deleted group " + name + " (local cloud " + cloud.name() + ").");
    return ExitCode.OK;
  }
}
