package dev.poolform.cli.commands.state;

import dev.poolform.cli.CliContext;
import dev.poolform.cli.ExitCode;
import dev.poolform.cli.commands.options.ConfigPathParameter;
import dev.poolform.cli.workspace.RuntimeCommand;
import dev.poolform.cli.workspace.Target;
import dev.poolform.ir.IrBackend;
import dev.poolform.runtime.Migration;
import dev.poolform.runtime.Workspace;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pool state migrate [PATH] [--from FILE]}: moves the state to where the configuration's
 * {@code state} block now says, from the local file or from the {@code state} block of {@code
 * FILE}.
 */
@Command(
    name = "migrate",
    description = {
      "Move the state to where the configuration's `state` block says, keeping its lineage and serial.",
      "The state comes from the local file, or from where the `state` block of --from FILE says;"
          + " it is refused if the target already holds another state, or a newer one of this."
    })
public final class StateMigrateCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Mixin StateOptions options;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "PATH",
      description = ConfigPathParameter.CONFIGURATION)
  Path path;

  @Option(
      names = "--from",
      paramLabel = "FILE",
      description =
          "A .pool file whose `state` block says where the state is now (e.g. the configuration"
              + " before its block changed); default: the local state file.")
  Path from;

  public StateMigrateCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws Exception {
    return RuntimeCommand.run(
        ctx,
        () -> {
          Optional<IrBackend> source =
              from == null ? Optional.empty() : Target.stateBlock(ctx, from).config().backend();
          Workspace ws = options.open(ctx, path);
          Migration m = ws.migrate(source);
          ctx.out()
              .println(
                  "Migrated the state (lineage "
                      + m.lineage()
                      + ", serial "
                      + m.serial()
                      + ") from "
                      + m.from()
                      + " to "
                      + m.to()
                      + ".");
          ctx.out()
              .println(
                  "The copy in "
                      + m.from()
                      + " was left as it was; remove it once every run uses the new place.");
          return ExitCode.OK;
        });
  }
}
