package dev.poolform.cli.commands.local;

import dev.poolform.cli.CliContext;
import dev.poolform.cli.ExitCode;
import dev.poolform.runtime.local.LocalGroup;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code pool local scale NAME N}: change a group's desired size as an autoscaler would. */
@Command(
    name = "scale",
    description = {
      "Set a group's desired size behind Poolform's back (drift, or an autoscaler at work).",
      "The next plan shows it as changed outside Poolform, unless the pool says desired = external."
    })
public final class LocalScaleCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Mixin LocalOptions options;

  @Parameters(index = "0", paramLabel = "NAME", description = LocalOptions.GROUP)
  String name;

  @Parameters(
      index = "1",
      paramLabel = "N",
      description = "The new desired size, within the group's min and max.")
  long desired;

  public LocalScaleCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws Exception {
    return options.onGroup(
        ctx,
        name,
        cloud -> {
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
        });
  }
}
