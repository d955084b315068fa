package dev.poolform.cli.commands.state;

import dev.poolform.cli.CliContext;
import dev.poolform.cli.ExitCode;
import dev.poolform.cli.commands.options.ConfigPathParameter;
import dev.poolform.cli.workspace.RuntimeCommand;
import dev.poolform.runtime.Rekeyed;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code pool state rekey}: a new state key for new secret digests, the old ones kept. */
@Command(
    name = "rekey",
    description = {
      "Make a new state key for the digests of secrets and put it first in the key file; older"
          + " keys stay to verify the digests they made, so nothing rolls out.",
      "Lists the secrets whose digests still need an older key (docs/runtime.md#rotating-the-key)."
    })
public final class StateRekeyCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Mixin StateOptions options;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "PATH",
      description = ConfigPathParameter.CONFIGURATION)
  Path path;

  public StateRekeyCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws Exception {
    return RuntimeCommand.run(
        ctx,
        () -> {
          Rekeyed r = options.open(ctx, path).rekey();
          ctx.out()
              .println(
                  "Made state key "
                      + r.keyId()
                      + " the current one in "
                      + r.where()
                      + "; the older keys stay there to verify the digests they made.");
          if (r.older().isEmpty()) {
            ctx.out().println("No digest in the state needs an older key.");
            return ExitCode.OK;
          }
          ctx.out()
              .println(
                  "These secrets keep digests under older keys until they change; keep those keys"
                      + " until then:");
          for (Map.Entry<String, List<String>> e : r.older().entrySet()) {
            String key = e.getKey().isEmpty() ? "unkeyed SHA-256" : "key " + e.getKey();
            ctx.out().println("  " + key + ": " + String.join(", ", e.getValue()));
          }
          return ExitCode.OK;
        });
  }
}
