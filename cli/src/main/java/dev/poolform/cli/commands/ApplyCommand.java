package dev.poolform.cli.commands;

import dev.poolform.cli.CliContext;
import dev.poolform.cli.ExitCode;
import dev.poolform.cli.UsageException;
import dev.poolform.cli.commands.options.LockTimeoutOption;
import dev.poolform.cli.commands.options.MetricsOption;
import dev.poolform.cli.commands.options.ParallelismOption;
import dev.poolform.cli.commands.options.ReplaceOption;
import dev.poolform.cli.commands.options.StateFileOption;
import dev.poolform.cli.commands.options.TargetOption;
import dev.poolform.cli.commands.options.VariableOptions;
import dev.poolform.cli.metrics.FleetMetrics;
import dev.poolform.cli.metrics.MetricsServer;
import dev.poolform.cli.view.Approval;
import dev.poolform.cli.workspace.ApplyRun;
import dev.poolform.cli.workspace.GitIgnore;
import dev.poolform.cli.workspace.JsonErrors;
import dev.poolform.cli.workspace.PlanViews;
import dev.poolform.cli.workspace.Problems;
import dev.poolform.cli.workspace.RuntimeCommand;
import dev.poolform.cli.workspace.StateCommit;
import dev.poolform.cli.workspace.Target;
import dev.poolform.runtime.ApplyResult;
import dev.poolform.runtime.PlanResult;
import dev.poolform.runtime.Workspace;
import dev.poolform.runtime.engine.ApplyOptions;
import dev.poolform.runtime.event.ApplyListener;
import dev.poolform.runtime.event.JsonLinesEventWriter;
import dev.poolform.runtime.plan.Plan;
import dev.poolform.runtime.plan.PlanFile;
import dev.poolform.runtime.plan.PlanRequest;
import dev.poolform.runtime.provider.CloudCalls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pool apply [PATH|PLANFILE] [--auto-approve] [--parallelism N] [--events FILE] [--commit]
 * [--json] [--refresh-only] [--target ADDR]... [--replace ADDR]... [--metrics HOST:PORT] [--state
 * PATH]}.
 */
@Command(
    description = {
      "Carry out the changes: create, scale, roll out, repair, replace and delete pools, and wait",
      "until every rollout has finished. Shows the plan and asks first, unless --auto-approve or",
      "a saved PLANFILE is given."
    },
    footer = {
      "",
      "Exit status: 0 every pool applied, 1 errors (configuration, state, a stale plan, a pool that",
      "failed, or the answer was not 'yes'), 2 usage or environment error (no terminal to ask, the",
      "state is locked, --commit with a hand-edited state file).%n"
    })
public final class ApplyCommand implements Callable<Integer>, JsonErrors.Lines {
  private final CliContext ctx;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "PATH|PLANFILE",
      description =
          "A .pool file or directory (default: the current directory), or a plan saved by `pool plan --out`.")
  Path path;

  @Mixin VariableOptions variables;

  @Option(names = "--auto-approve", description = "Do not ask before applying.")
  boolean autoApprove;

  @Option(
      names = "--json",
      description =
          "Stream every step as a JSON line on stdout (docs/json.md#events); people's output goes to stderr. Needs --auto-approve or a PLANFILE.")
  boolean json;

  @Mixin ParallelismOption parallelism;

  @Option(
      names = "--events",
      paramLabel = "FILE",
      description =
          "Write one JSON line per step: pool started/finished/failed, machine launched/retired (docs/json.md#events).")
  Path events;

  @Option(
      names = "--commit",
      description = "After a successful apply, commit the state file (and only it) to git.")
  boolean commit;

  @Option(
      names = "--refresh-only",
      description =
          "Record in the state what changed outside Poolform (shown first, as a plan); change nothing in the clouds.")
  boolean refreshOnly;

  @Mixin TargetOption targets;

  @Mixin ReplaceOption replace;

  @Mixin MetricsOption metrics;

  @Mixin StateFileOption state;

  @Mixin LockTimeoutOption lockTimeout;

  public ApplyCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws Exception {
    return RuntimeCommand.run(ctx, JsonErrors.of(json, this), this::apply);
  }

  private int apply() throws Exception {
    Optional<Plan> saved = PlanFileArgument.read(ctx, path);
    PlanRequest request =
        ReplaceOption.request(
            refreshOnly ? PlanRequest.Mode.REFRESH_ONLY : PlanRequest.Mode.NORMAL,
            targets,
            replace);
    if (saved.isPresent() && !request.equals(PlanRequest.ALL))
      throw new UsageException(
          "A saved plan carries its own --target, --replace and --refresh-only; give them to"
              + " `pool plan --out`.");
    Optional<MetricsServer> server = metrics.start(ctx, FleetMetrics::forApply);
    try {
      return apply(saved, request, server.map(MetricsServer::metrics));
    } finally {
      server.ifPresent(MetricsServer::close);
    }
  }

  private int apply(Optional<Plan> saved, PlanRequest request, Optional<FleetMetrics> served)
      throws Exception {
    ApplyListener steps = served.map(FleetMetrics::steps).orElse(ApplyListener.NONE);
    // A saved plan names the configuration it was made for: compile that one, use its state.
    Target target =
        Target.compile(ctx, saved.isPresent() ? planConfiguration() : path, variables.sources(ctx));
    Workspace ws = state.open(ctx, target, served.<CloudCalls>map(m -> m).orElse(CloudCalls.NONE));
    lockTimeout.await(ctx, ws);
    boolean firstApply = !Files.exists(ws.statePath());
    Optional<StateCommit> git =
        commit ? Optional.of(StateCommit.before(ctx, ws.statePath())) : Optional.empty();
    ApplyOptions options = parallelism.applyOptions(ctx, target.config());
    if (json && !autoApprove && saved.isEmpty())
      throw new UsageException(
          "apply --json needs --auto-approve or a saved PLANFILE: a stream of JSON cannot ask a"
              + " question.");
    // With --json, standard output carries only the event lines; the plan, progress and summary
    // go to standard error for whoever watches.
    CliContext people = json ? ctx.humanOnStderr() : ctx;
    ApplyListener stream = json ? new JsonLinesEventWriter(ctx.out()) : ApplyListener.NONE;

    ApplyResult result;
    long t0 = System.nanoTime();
    if (saved.isPresent()) {
      TargetOption.warn(ctx, saved.get());
      result =
          ApplyRun.runPlan(
              people, events, stream.and(steps), ws, saved.get(), target.config(), options);
    } else {
      PlanResult planned = ws.plan(target.config(), request);
      Plan plan = Problems.planOrFail(ctx, planned, target.config());
      TargetOption.warn(ctx, plan);
      people.out().print(PlanViews.render(people, plan));
      if (!plan.hasChanges() && planned.state().pending().isEmpty()) {
        ApplyRun.noEvents(ctx, events);
        ws.publish("apply");
        git.ifPresent(g -> g.after(ws.statePath(), null));
        return ExitCode.OK;
      }
      people.out().println();
      if (autoApprove) {
        result =
            ApplyRun.run(
                people,
                events,
                stream.and(steps),
                ws,
                options.interruption(),
                l -> ws.apply(target.config(), request, options, l));
      } else {
        OptionalInt refused =
            Approval.refusal(
                ctx,
                "Apply",
                "Do you want to perform these actions?",
                "Poolform will perform the actions described above.",
                ", or save the plan with `pool plan --out FILE` and apply it");
        if (refused.isPresent()) return refused.getAsInt();
        result =
            ApplyRun.runPlan(people, events, stream.and(steps), ws, plan, target.config(), options);
      }
    }
    Duration took = Duration.ofNanos(System.nanoTime() - t0);
    served.ifPresent(m -> m.applied(result.ok(), took));
    ws.notices().forEach(n -> ctx.err().println("note: " + n));
    // Only for the local file: a shared backend's clone is the team's, and an edited .gitignore
    // there would keep the next fetch from fast-forwarding it. With --commit also later applies:
    // a second clone of a state committed without its .gitignore never has a first apply.
    if ((firstApply || commit)
        && target.config().backend().isEmpty()
        && Files.exists(ws.statePath()))
      GitIgnore.ensure(people, target.directory(), ws.statePath());
    int status = ApplyRun.report(people, "apply", result, target.config());
    if (status == ExitCode.OK) git.ifPresent(g -> g.after(ws.statePath(), result));
    return status;
  }

  /** The configuration the saved plan was made for, or null (the current directory). */
  private Path planConfiguration() {
    try {
      return PlanFile.configuration(ctx.resolve(path)).orElse(null);
    } catch (IOException e) {
      throw new UsageException("Cannot read " + path + ": " + e.getMessage() + ".");
    }
  }
}
