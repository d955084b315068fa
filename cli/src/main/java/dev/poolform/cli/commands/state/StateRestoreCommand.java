package dev.poolform.cli.commands.state;

import dev.poolform.cli.CliContext;
import dev.poolform.cli.ExitCode;
import dev.poolform.cli.commands.options.ConfigPathParameter;
import dev.poolform.cli.commands.options.StateFileOption;
import dev.poolform.cli.commands.options.VariableOptions;
import dev.poolform.cli.view.Approval;
import dev.poolform.cli.workspace.LockCheck;
import dev.poolform.cli.workspace.PlanViews;
import dev.poolform.cli.workspace.Problems;
import dev.poolform.cli.workspace.RuntimeCommand;
import dev.poolform.cli.workspace.Target;
import dev.poolform.runtime.PlanResult;
import dev.poolform.runtime.Workspace;
import dev.poolform.runtime.plan.Plan;
import dev.poolform.runtime.state.State;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pool state restore FILE [PATH]}: the way back to an earlier state (a {@code .backup}, a
 * state from git), which a plain read refuses as older than the newest this workspace saw.
 */
@Command(
    name = "restore",
    description = {
      "Make an earlier state the state again (NAME.state.json.backup, or one from git). It must be",
      "this configuration's and of the same lineage. Shows what the next apply would do with it",
      "against the live clouds and asks first; the state it replaces becomes the backup."
    })
public final class StateRestoreCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(index = "0", paramLabel = "FILE", description = "The state file to restore.")
  Path file;

  @Parameters(
      index = "1",
      arity = "0..1",
      paramLabel = "PATH",
      description = ConfigPathParameter.CONFIGURATION)
  Path path;

  @Option(names = "--auto-approve", description = "Do not ask before restoring.")
  boolean autoApprove;

  @Mixin StateFileOption state;

  @Mixin VariableOptions variables;

  public StateRestoreCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws Exception {
    return RuntimeCommand.run(ctx, this::restore);
  }

  private int restore() throws Exception {
    Target target = Target.compile(ctx, path, variables.sources(ctx));
    Workspace ws = state.open(ctx, target);
    LockCheck.failIfLocked(ctx, ws);
    Path from = ctx.resolve(file);
    PlanResult preview = ws.previewRestore(target.config(), from);
    Plan plan = Problems.planOrFail(ctx, preview, target.config());
    ctx.out()
        .println(
            "Restoring "
                + file
                + " (serial "
                + preview.state().serial()
                + ", lineage "
                + preview.state().lineage()
                + ") as "
                + ws.statePath().getFileName()
                + ". Against the live clouds, the next apply would then do this:");
    ctx.out().println();
    ctx.out().print(PlanViews.render(ctx, plan));
    ctx.out().println();
    if (!autoApprove) {
      OptionalInt refused =
          Approval.refusal(
              ctx,
              "Restore",
              "Do you want to restore this state?",
              "Poolform will replace "
                  + ws.statePath().getFileName()
                  + " with "
                  + file
                  + " (the current one is kept as the backup). The clouds are not changed.",
              "");
      if (refused.isPresent()) return refused.getAsInt();
    }
    State restored = ws.restore(from);
    ctx.out()
        .println(
            "Restored "
                + file
                + " as "
                + ws.statePath().getFileName()
                + " (now serial "
                + restored.serial()
                + "). The state it replaced is "
                + ws.statePath().getFileName()
                + ".backup. Run `pool plan` to see what the next apply does.");
    return ExitCode.OK;
  }
}
