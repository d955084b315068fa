package dev.poolform.cli.commands.local;

import dev.poolform.cli.CliContext;
import dev.poolform.cli.ExitCode;
import dev.poolform.runtime.local.LocalCloud;
import dev.poolform.runtime.provider.ProviderException;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pool local kill NAME [MACHINE_ID] [--count N]}: machines die; the group replaces them. */
@Command(
    name = "kill",
    description = {
      "Kill machines of a group: they become failed and the group launches replacements",
      "shortly after, as a scaling group does. Without MACHINE_ID, the oldest live machines die."
    })
public final class LocalKillCommand extends LocalGroupCommand {
  @Parameters(
      index = "1",
      arity = "0..1",
      paramLabel = "MACHINE_ID",
      description = "The machine (m-...); see `pool local list`.")
  String machineId;

  @Option(
      names = "--count",
      paramLabel = "N",
      defaultValue = "1",
      description = "How many machines to kill when no MACHINE_ID is given (default: 1).")
  int count;

  public LocalKillCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  int on(LocalCloud cloud) throws ProviderException {
    if (count < 1) throw new dev.poolform.cli.UsageException("--count must be at least 1.");
    List<String> killed = cloud.kill(name, Optional.ofNullable(machineId), count);
    ctx.out()
        .println(
            "Killed "
                + String.join(", ", killed)
                + " of "
                + name
                + "; the group will replace "
                + (killed.size() == 1 ? "it." : "them."));
    return ExitCode.OK;
  }
}
