package dev.poolform.cli.commands;

import dev.poolform.cli.CliContext;
import dev.poolform.cli.ExitCode;
import dev.poolform.cli.commands.options.StateFileOption;
import dev.poolform.cli.workspace.RuntimeCommand;
import dev.poolform.cli.workspace.Target;
import dev.poolform.runtime.Instants;
import dev.poolform.runtime.state.PendingIntent;
import dev.poolform.runtime.state.ResourceState;
import dev.poolform.runtime.state.State;
import dev.poolform.runtime.state.StateCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pool show [PATH] [--json] [--state PATH]}: what the state says Poolform manages. */
@Command(
    description =
        "Show the state: every pool Poolform manages, its cloud group, applied spec and what the cloud reported at the last apply.",
    footer = {"", "Exit status: 0 ok, 1 the state cannot be used, 2 usage error.%n"})
public final class ShowCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "PATH|PLANFILE",
      description =
          "The configuration (a .pool file or a directory; default: the current directory), or a plan saved by `pool plan --out`.")
  Path path;

  @Option(
      names = "--json",
      description =
          "Print the state file's JSON (docs/json.md#state-file), or a saved plan's as `plan --json` does.")
  boolean json;

  @Mixin StateFileOption state;

  public ShowCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws Exception {
    return RuntimeCommand.run(ctx, this::show);
  }

  private int show() throws Exception {
    java.util.Optional<dev.poolform.runtime.plan.Plan> saved = PlanFileArgument.read(ctx, path);
    if (saved.isPresent()) {
      ctx.out()
          .print(
              json
                  ? dev.poolform.runtime.plan.PlanJson.write(saved.get())
                  : dev.poolform.cli.workspace.PlanViews.render(ctx, saved.get()));
      return ExitCode.OK;
    }
    dev.poolform.runtime.Workspace ws =
        state.open(ctx, Target.configuration(ctx, path, state.given()));
    State s = ws.state();
    if (json) {
      if (java.nio.file.Files.exists(ws.statePath())) {
        ctx.out().print(new String(StateCodec.encode(s), StandardCharsets.UTF_8));
      } else {
        // No state yet: an empty one, without the lineage a fresh State makes up on each call (the
        // first apply chooses it).
        var empty = StateCodec.toJson(s);
        empty.remove("lineage");
        ctx.out().print(dev.poolform.ir.json.CanonicalJson.write(empty));
      }
      return ExitCode.OK;
    }
    if (s.resources().isEmpty() && s.pending().isEmpty()) {
      ctx.out().println("The state is empty: Poolform manages no pools here yet.");
      return ExitCode.OK;
    }
    for (ResourceState r : s.resources().values()) resource(r);
    if (!s.pending().isEmpty()) pending(s.pending());
    ctx.out().println();
    ctx.out()
        .println(
            "State serial "
                + s.serial()
                + ", lineage "
                + s.lineage()
                + ", written by Poolform "
                + s.toolVersion()
                + ".");
    return ExitCode.OK;
  }

  /**
   * One pool as the last apply left it: cloud and group, sizes, spec, a rollout in progress, work
   * it still owes.
   */
  private void resource(ResourceState r) {
    ctx.out().println(r.address());
    ctx.out()
        .println(
            "  cloud     "
                + r.cloud().key()
                + ", group "
                + r.group().name()
                + (r.group().cloudId().equals(r.group().name())
                    ? ""
                    : " (" + r.group().cloudId() + ")"));
    ctx.out()
        .println(
            "  capacity  min "
                + r.observed().min()
                + ", max "
                + r.observed().max()
                + ", desired "
                + r.observed().desired()
                + "; "
                + r.observed().instances()
                + (r.observed().instances() == 1 ? " machine" : " machines")
                + " at the last apply");
    ctx.out().println("  spec      " + r.specHash());
    r.rollout()
        .ifPresent(
            ro ->
                ctx.out()
                    .println(
                        "  rollout   in progress since "
                            + Instants.text(ro.startedAt())
                            + ": "
                            + ro.fromHash()
                            + " -> "
                            + ro.toHash()
                            + (ro.rollingBack() ? " (rolling back)" : "")));
    r.owed()
        .ifPresent(
            w ->
                ctx.out()
                    .println(
                        "  owes      the "
                            + w.step()
                            + " started at "
                            + Instants.text(w.since())
                            + w.failure().map(f -> " (stopped: " + f + ")").orElse("")
                            + "; the next apply resumes it"));
  }

  private void pending(java.util.List<PendingIntent> pending) {
    ctx.out().println();
    ctx.out()
        .println("Operations in flight (an apply was interrupted; the next plan recovers them):");
    for (PendingIntent p : pending) {
      ctx.out()
          .println(
              "  "
                  + p.operation()
                  + " "
                  + p.address()
                  + " ("
                  + p.expectedName()
                  + ") since "
                  + Instants.text(p.startedAt()));
    }
  }
}
