package dev.poolform.cli.commands;

import dev.poolform.cli.CliContext;
import dev.poolform.cli.ExitCode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code pool import}: bring something that exists outside Poolform under its management. {@code
 * pool import capi FILE.yaml} converts Cluster API manifests. (The state import {@code pool import
 * ADDR ID} belongs to the runtime commands; it joins here as parameters beside the subcommand.)
 */
@Command(
    name = "import",
    description = "Import existing configuration: `pool import capi FILE.yaml` converts Cluster API manifests.",
    synopsisSubcommandLabel = "capi",
    subcommands = {ImportCapiCommand.class})
public final class ImportCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Spec CommandSpec spec;

  public ImportCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    ctx.err().print(spec.commandLine().getUsageMessage(spec.commandLine().getColorScheme()));
    return ExitCode.USAGE;
  }
}
