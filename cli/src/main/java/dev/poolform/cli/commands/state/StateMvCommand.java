package dev.poolform.cli.commands.state;

import dev.poolform.cli.CliContext;
import dev.poolform.cli.ExitCode;
import dev.poolform.cli.commands.options.AddressParameter;
import dev.poolform.cli.commands.options.ConfigPathParameter;
import dev.poolform.cli.workspace.RuntimeCommand;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code pool state mv OLD NEW}: rename an address after renaming the pool. */
@Command(
    name = "mv",
    description =
        "Rename a pool's address in the state (after renaming it in the configuration), so apply does not delete and recreate it.")
public final class StateMvCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Mixin StateOptions options;

  @Parameters(
      index = "0",
      paramLabel = "OLD",
      description = "The current address (pool.web, or just web).")
  String from;

  @Parameters(
      index = "1",
      paramLabel = "NEW",
      description = "The new address (pool.www, or just www).")
  String to;

  @Parameters(
      index = "2",
      arity = "0..1",
      paramLabel = "PATH",
      description = ConfigPathParameter.CONFIGURATION)
  Path path;

  public StateMvCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws Exception {
    return RuntimeCommand.run(
        ctx,
        () -> {
          String oldAddress = AddressParameter.normalize(from);
          String newAddress = AddressParameter.normalize(to);
          var s = options.open(ctx, path).stateMv(oldAddress, newAddress);
          String group = s.resource(newAddress).map(r -> r.group().name()).orElse("?");
          ctx.out()
              .println(
                  "Moved "
                      + oldAddress
                      + " to "
                      + newAddress
                      + " (serial "
                      + s.serial()
                      + "). Its cloud group keeps its name `"
                      + group
                      + "`. Rename the pool in the configuration too: once the configuration"
                      + " names "
                      + newAddress
                      + ", `pool plan` shows the rename; while it still names "
                      + oldAddress
                      + ", the plan destroys the group and creates a new one.");
          return ExitCode.OK;
        });
  }
}
