package dev.poolform.cli.commands.local;

import dev.poolform.cli.CliContext;
import dev.poolform.cli.ExitCode;
import dev.poolform.runtime.local.LocalCloud;
import dev.poolform.runtime.local.LocalGroup;
import dev.poolform.runtime.provider.ProviderException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code pool local scale NAME N}: change a group's desired size as an autoscaler would. */
@Command(
    name = "scale",
    description = {
      "Set a group's desired size behind Poolform's back (drift, or an autoscaler at work).",
      "The next plan shows it as changed outside Poolform, unless the pool says desired = external."
    })
public final class LocalScaleCommand extends LocalGroupCommand {
  @Parameters(
      index = "1",
      paramLabel = "N",
      description = "The new desired size, within the group's min and max.")
  long desired;

  public LocalScaleCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  int on(LocalCloud cloud) throws ProviderException {
    long before = cloud.group(name).map(LocalGroup::desired).orElse(0L);
    LocalGroup g = cloud.scale(name, desired);
    ctx.out()
        .println(
            "Scaled "
                + name
                + " (local region "
                + cloud.name()
                + ") from "
                + before
                + " to "
                + g.desired()
                + " desired machines.");
    return ExitCode.OK;
  }
}
