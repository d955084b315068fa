package dev.poolform.cli.commands;

import dev.poolform.cli.CliContext;
import dev.poolform.cli.ExitCode;
import dev.poolform.cli.runtime.ApplyRun;
import dev.poolform.cli.runtime.LockCheck;
import dev.poolform.cli.runtime.PlanViews;
import dev.poolform.cli.runtime.Problems;
import dev.poolform.cli.runtime.RuntimeCommand;
import dev.poolform.cli.runtime.Target;
import dev.poolform.cli.runtime.Workspaces;
import dev.poolform.cli.view.Approval;
import dev.poolform.cli.view.Paint;
import dev.poolform.cli.view.PlanText;
import dev.poolform.runtime.ApplyResult;
import dev.poolform.runtime.PlanResult;
import dev.poolform.runtime.Workspace;
import dev.poolform.runtime.engine.ApplyOptions;
import dev.poolform.runtime.plan.Plan;
import dev.poolform.runtime.plan.PlanFileException;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pool destroy [PATH] [--auto-approve] [--parallelism N] [--state PATH]}. */
@Command(
    name = "destroy",
    description = {
      "Delete every pool in the state from its cloud (scale to zero, then delete the group),",
      "and remove it from the state. Shows what will go and asks first, unless --auto-approve."
    },
    footer = {"", "Exit status: 0 everything destroyed, 1 errors or a pool that could not be deleted, 2 usage or environment error.%n"})
public final class DestroyCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(index = "0", arity = "0..1", paramLabel = "PATH", description = "A .pool file or a directory of them (default: the current directory).")
  Path path;

  @Option(names = "--auto-approve", description = "Do not ask before destroying.")
  boolean autoApprove;

  @Option(names = "--parallelism", paramLabel = "N", defaultValue = "10", description = "Pools worked on at once (default: 10).")
  int parallelism;

  @Option(names = "--events", paramLabel = "FILE", description = "Write one JSON line per step.")
  Path events;

  @Option(names = "--state", paramLabel = "PATH", description = "The state file (default: pool.state.json beside the configuration).")
  Path state;

  public DestroyCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws Exception {
    return RuntimeCommand.run(ctx, this::destroy);
  }

  private int destroy() throws Exception {
    Target target = Target.compile(ctx, path);
    Workspace ws = Workspaces.open(ctx, target.directory(), state);
    LockCheck.failIfLocked(ctx, ws);
    ApplyOptions options = Workspaces.applyOptions(ctx, target.config(), parallelism);
    PlanResult planned = ws.planDestroy(target.config());
    if (!planned.ok()) {
      Problems.print(ctx, planned.problems(), target.config());
      return ExitCode.CONFIG_ERROR;
    }
    Plan plan = planned.plan().get();
    ctx.out().print(new PlanText(new Paint(ctx.colour())).render(PlanViews.of(plan)));
    if (!plan.hasChanges() && planned.state().pending().isEmpty()) return ExitCode.OK;
    ctx.out().println();
    ApplyResult result;
    if (autoApprove) {
      result = ApplyRun.run(ctx, events, l -> ws.destroy(target.config(), options, l));
    } else {
      OptionalInt refused = Approval.refusal(ctx, "Destroy", "Do you really want to destroy all pools?",
          "Poolform will delete every pool listed above. There is no undo.", "");
      if (refused.isPresent()) return refused.getAsInt();
      try {
        result = ApplyRun.run(ctx, events, l -> ws.applyPlan(plan, target.config(), options, l));
      } catch (PlanFileException e) {
        ctx.err().println("error: " + e.getMessage());
        return ExitCode.CONFIG_ERROR;
      }
    }
    return ApplyRun.report(ctx, "destroy", result, target.config());
  }
}
