package dev.poolform.cli.commands.state;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poolform.cli.CliContext;
import dev.poolform.cli.ExitCode;
import dev.poolform.cli.commands.options.AddressParameter;
import dev.poolform.cli.commands.options.ConfigPathParameter;
import dev.poolform.cli.workspace.RuntimeCommand;
import dev.poolform.ir.json.CanonicalJson;
import dev.poolform.runtime.state.State;
import dev.poolform.runtime.state.StateCodec;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code pool state show ADDR}: one pool's entry in the state, as JSON. */
@Command(
    name = "show",
    description = "Show one pool's entry in the state (as stored: JSON, secrets as digests).")
public final class StateShowCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Mixin StateOptions options;

  @Mixin AddressParameter address;

  @Parameters(
      index = "1",
      arity = "0..1",
      paramLabel = "PATH",
      description = ConfigPathParameter.CONFIGURATION)
  Path path;

  public StateShowCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws Exception {
    return RuntimeCommand.run(
        ctx,
        () -> {
          State s = options.open(ctx, path).state();
          JsonNode entry = StateCodec.toJson(s).path("resources").path(address.address());
          if (entry.isMissingNode()) {
            ctx.err()
                .println(
                    "error: "
                        + address.address()
                        + " is not in the state; `pool state list` shows what is.");
            return ExitCode.CONFIG_ERROR;
          }
          ctx.out().print(CanonicalJson.write(entry));
          return ExitCode.OK;
        });
  }
}
