package dev.poolform.cli.commands;

import dev.poolform.cli.CliContext;
import dev.poolform.cli.ExitCode;
import dev.poolform.cli.UsageException;
import dev.poolform.cli.commands.options.ConfigPathParameter;
import dev.poolform.cli.commands.options.ReplaceOption;
import dev.poolform.cli.commands.options.StateFileOption;
import dev.poolform.cli.commands.options.TargetOption;
import dev.poolform.cli.commands.options.VariableOptions;
import dev.poolform.cli.workspace.JsonErrors;
import dev.poolform.cli.workspace.PlanViews;
import dev.poolform.cli.workspace.Problems;
import dev.poolform.cli.workspace.RuntimeCommand;
import dev.poolform.cli.workspace.Target;
import dev.poolform.runtime.PlanResult;
import dev.poolform.runtime.Workspace;
import dev.poolform.runtime.plan.Plan;
import dev.poolform.runtime.plan.PlanFile;
import dev.poolform.runtime.plan.PlanJson;
import dev.poolform.runtime.plan.PlanRequest;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code pool plan [PATH] [--json] [--detailed-exitcode] [--out PLANFILE]
 * [--destroy|--refresh-only] [--target ADDR]... [--replace ADDR]... [--state PATH]}.
 */
@Command(
    description = {
      "Read the clouds, compare them with the configuration and the state, and show what apply",
      "would do. Changes made outside Poolform are shown first. Nothing is changed."
    },
    footer = {
      "",
      "Exit status: 0 ok, 1 errors (configuration, state, clouds), 2 usage or environment error.",
      "With --detailed-exitcode: 0 no changes, 2 changes, 1 error.%n"
    })
public final class PlanCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Mixin ConfigPathParameter path;

  @Mixin VariableOptions variables;

  @Option(names = "--json", description = "Print the plan as JSON on stdout (docs/json.md#plan).")
  boolean json;

  @Option(
      names = "--detailed-exitcode",
      description = "Exit 0 when there is nothing to do, 2 when there are changes, 1 on errors.")
  boolean detailedExitcode;

  @Option(
      names = "--out",
      paramLabel = "PLANFILE",
      description = "Save the plan; `pool apply PLANFILE` carries out exactly it.")
  Path out;

  @Option(
      names = "--destroy",
      description =
          "Plan the deletion of every pool in the state, as `pool destroy` would; save it with --out to apply it later.")
  boolean destroy;

  @Option(
      names = "--refresh-only",
      description =
          "Plan only to record in the state what changed outside Poolform; nothing in the clouds changes.")
  boolean refreshOnly;

  @Mixin TargetOption targets;

  @Mixin ReplaceOption replace;

  @Mixin StateFileOption state;

  public PlanCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws Exception {
    return RuntimeCommand.run(ctx, JsonErrors.of(json, this), this::plan);
  }

  private int plan() throws Exception {
    Target target = Target.compile(ctx, path.path(), variables.sources(ctx));
    Workspace ws = state.open(ctx, target);
    if (destroy && refreshOnly)
      throw new UsageException("--destroy and --refresh-only cannot be used together.");
    PlanRequest request =
        ReplaceOption.request(
            destroy
                ? PlanRequest.Mode.DESTROY
                : refreshOnly ? PlanRequest.Mode.REFRESH_ONLY : PlanRequest.Mode.NORMAL,
            targets,
            replace);
    PlanResult r = ws.plan(target.config(), request);
    // What the state backend did first (a clone fast-forwarded to the remote's state).
    ws.notices().forEach(n -> ctx.err().println("note: " + n));
    Plan plan = Problems.planOrFail(ctx, r, target.config());
    TargetOption.warn(ctx, plan);
    if (out != null) PlanFile.write(plan, ctx.resolve(out), target.entry());
    if (json) {
      ctx.out().print(PlanJson.write(plan));
    } else {
      ctx.out().print(PlanViews.render(ctx, plan));
      if (out != null) {
        ctx.out().println();
        ctx.out()
            .println(
                "Saved the plan to "
                    + out
                    + ". `pool apply "
                    + out
                    + "` carries out exactly this plan.");
      }
    }
    boolean changes = plan.hasChanges() || !r.state().pending().isEmpty();
    return detailedExitcode && changes ? 2 : ExitCode.OK;
  }
}
