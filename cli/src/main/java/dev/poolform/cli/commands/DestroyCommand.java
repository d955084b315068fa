package dev.poolform.cli.commands;

import dev.poolform.cli.CliContext;
import dev.poolform.cli.ExitCode;
import dev.poolform.cli.UsageException;
import dev.poolform.cli.commands.options.ConfigPathParameter;
import dev.poolform.cli.commands.options.LockTimeoutOption;
import dev.poolform.cli.commands.options.ParallelismOption;
import dev.poolform.cli.commands.options.StateFileOption;
import dev.poolform.cli.commands.options.TargetOption;
import dev.poolform.cli.commands.options.VariableOptions;
import dev.poolform.cli.view.Approval;
import dev.poolform.cli.workspace.ApplyRun;
import dev.poolform.cli.workspace.JsonErrors;
import dev.poolform.cli.workspace.PlanViews;
import dev.poolform.cli.workspace.Problems;
import dev.poolform.cli.workspace.RuntimeCommand;
import dev.poolform.cli.workspace.Target;
import dev.poolform.runtime.ApplyResult;
import dev.poolform.runtime.PlanResult;
import dev.poolform.runtime.Workspace;
import dev.poolform.runtime.engine.ApplyOptions;
import dev.poolform.runtime.event.ApplyListener;
import dev.poolform.runtime.event.JsonLinesEventWriter;
import dev.poolform.runtime.plan.Plan;
import dev.poolform.runtime.plan.PlanRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code pool destroy [PATH] [--auto-approve] [--json] [--parallelism N] [--events FILE] [--target
 * ADDR]... [--state PATH]}. With {@code --json} it streams the same JSON lines as {@code apply
 * --json} (docs/json.md#events), people's output on standard error.
 */
@Command(
    description = {
      "Delete every pool in the state from its cloud (scale to zero, then delete the group),",
      "and remove it from the state. Shows what will go and asks first, unless --auto-approve."
    },
    footer = {
      "",
      "Exit status: 0 everything destroyed, 1 errors or a pool that could not be deleted, 2 usage or environment error.%n"
    })
public final class DestroyCommand implements Callable<Integer>, JsonErrors.Lines {
  private final CliContext ctx;

  @Mixin ConfigPathParameter path;

  @Mixin VariableOptions variables;

  @Option(names = "--auto-approve", description = "Do not ask before destroying.")
  boolean autoApprove;

  @Option(
      names = "--json",
      description =
          "Stream every step as a JSON line on stdout (docs/json.md#events); people's output goes to stderr. Needs --auto-approve.")
  boolean json;

  @Mixin ParallelismOption parallelism;

  @Option(
      names = "--events",
      paramLabel = "FILE",
      description = "Write one JSON line per step (docs/json.md#events).")
  Path events;

  @Mixin TargetOption targets;

  @Mixin StateFileOption state;

  @Mixin LockTimeoutOption lockTimeout;

  public DestroyCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws Exception {
    return RuntimeCommand.run(ctx, JsonErrors.of(json, this), this::destroy);
  }

  private int destroy() throws Exception {
    Target target = Target.compile(ctx, path.path(), variables.sources(ctx));
    Workspace ws = state.open(ctx, target);
    lockTimeout.await(ctx, ws);
    ApplyOptions options = parallelism.applyOptions(ctx, target.config());
    if (json && !autoApprove)
      throw new UsageException(
          "destroy --json needs --auto-approve: a stream of JSON cannot ask a question.");
    // As apply --json: standard output carries only the event lines; the plan, progress and
    // summary go to standard error.
    CliContext people = json ? ctx.humanOnStderr() : ctx;
    ApplyListener stream = json ? new JsonLinesEventWriter(ctx.out()) : ApplyListener.NONE;
    PlanRequest request = new PlanRequest(PlanRequest.Mode.DESTROY, targets.addresses(), List.of());
    PlanResult planned = ws.plan(target.config(), request);
    Plan plan = Problems.planOrFail(ctx, planned, target.config());
    if (!plan.hasChanges() && planned.state().pending().isEmpty()) {
      ApplyRun.noEvents(ctx, events);
      people.out().println("No changes. Nothing to destroy: the state holds no pools.");
      return ExitCode.OK;
    }
    TargetOption.warn(ctx, plan);
    people.out().print(PlanViews.render(people, plan));
    people.out().println();
    ApplyResult result;
    if (autoApprove) {
      result =
          ApplyRun.run(
              people,
              events,
              stream,
              ws,
              options.interruption(),
              l -> ws.apply(target.config(), request, options, l));
    } else {
      OptionalInt refused =
          Approval.refusal(
              ctx,
              "Destroy",
              request.targeted()
                  ? "Do you really want to destroy the pools listed above?"
                  : "Do you really want to destroy all pools?",
              "Poolform will delete every pool listed above. There is no undo.",
              ", or save the plan with `pool plan --destroy --out FILE` and apply it");
      if (refused.isPresent()) return refused.getAsInt();
      result = ApplyRun.runPlan(ctx, events, ws, plan, target.config(), options);
    }
    return ApplyRun.report(people, "destroy", result, target.config());
  }
}
