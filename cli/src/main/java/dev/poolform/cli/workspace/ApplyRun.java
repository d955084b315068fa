package dev.poolform.cli.workspace;

import dev.poolform.cli.CliContext;
import dev.poolform.cli.ExitCode;
import dev.poolform.cli.Interrupts;
import dev.poolform.cli.UsageException;
import dev.poolform.cli.view.Paint;
import dev.poolform.cli.view.Progress;
import dev.poolform.cli.view.Terminal;
import dev.poolform.files.SafeFiles;
import dev.poolform.ir.IrConfig;
import dev.poolform.runtime.ApplyResult;
import dev.poolform.runtime.Workspace;
import dev.poolform.runtime.engine.ApplyOptions;
import dev.poolform.runtime.engine.Interruption;
import dev.poolform.runtime.engine.PoolResult;
import dev.poolform.runtime.engine.Problem;
import dev.poolform.runtime.event.ApplyEvent;
import dev.poolform.runtime.event.ApplyListener;
import dev.poolform.runtime.event.EventLog;
import dev.poolform.runtime.event.JsonLinesEventWriter;
import dev.poolform.runtime.plan.Plan;
import dev.poolform.runtime.plan.PlanFileException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** Runs an apply or destroy with live progress (and {@code --events}), then reports it. */
public final class ApplyRun {
  private ApplyRun() {}

  /** The engine call, given the listener to report to. */
  public interface Call {
    ApplyResult run(ApplyListener listener) throws Exception;
  }

  /**
   * Runs {@code call} with live progress, writing {@code --events} if given and keeping every step
   * in the workspace's event log ({@code pool events}). While it runs, Ctrl-C and SIGTERM go to
   * {@code stop}: the first lets each pool finish its current step, then the apply ends with state
   * written and the lock released; a second stops the process at once.
   */
  public static ApplyResult run(
      CliContext ctx, Path events, Workspace ws, Interruption stop, Call call) throws Exception {
    return run(ctx, events, ApplyListener.NONE, ws, stop, call);
  }

  /**
   * The events file of a run with nothing to do: empty, so it never shows an earlier run's steps as
   * this one's.
   */
  public static void noEvents(CliContext ctx, Path events) {
    if (events == null) return;
    try {
      JsonLinesEventWriter.open(ctx.resolve(events)).close();
    } catch (IOException e) {
      throw new UsageException(
          "Cannot write the events file " + events + ": " + SafeFiles.reason(e) + ".");
    }
  }

  /** {@link #run} reporting every step to {@code also} too ({@code apply --json}'s stream). */
  public static ApplyResult run(
      CliContext ctx, Path events, ApplyListener also, Workspace ws, Interruption stop, Call call)
      throws Exception {
    JsonLinesEventWriter writer = null;
    if (events != null) {
      try {
        writer = JsonLinesEventWriter.open(ctx.resolve(events));
      } catch (IOException e) {
        throw new UsageException(
            "Cannot write the events file " + events + ": " + SafeFiles.reason(e) + ".");
      }
    }
    long t0 = System.nanoTime();
    // Until a pool's step starts no cloud call that changes anything has been made: a second
    // interrupt then has no calls in flight to speak of.
    AtomicBoolean changing = new AtomicBoolean();
    try (Progress progress = progress(ctx);
        Interrupts.Armed armed =
            ctx.interrupts().arm(n -> interrupted(ctx, progress, stop, n, changing.get()))) {
      ApplyListener started =
          e -> {
            if (e instanceof ApplyEvent.PoolStarted) changing.set(true);
          };
      ApplyListener listener = started.and(new ProgressListener(progress)).and(also);
      if (writer != null) listener = listener.and(writer);
      listener = listener.and(new EventLog(ws.options().directory()).listener("apply"));
      ApplyResult r = call.run(listener);
      ctx.out().println();
      ctx.out()
          .println(
              "Finished in " + Progress.format(Duration.ofNanos(System.nanoTime() - t0)) + ".");
      return r;
    } finally {
      if (writer != null) {
        try {
          writer.close();
        } catch (IOException e) {
          ctx.err()
              .println(
                  "warning: the events file " + events + " is incomplete: " + SafeFiles.reason(e));
        }
      }
    }
  }

  /** What a signal during an apply does: see {@link #run}. */
  private static void interrupted(
      CliContext ctx, Progress progress, Interruption stop, int count, boolean changing) {
    if (count == 1) {
      progress.note(
          "Interrupt received: finishing the current step (interrupt again to stop at once).");
      stop.request();
      return;
    }
    boolean released = stop.abort();
    // The bars go first: the engine's threads report until the halt, and nothing may draw again
    // under "stopping at once".
    progress.close();
    progress.note(
        "Second interrupt: stopping at once. "
            + (changing
                ? "The state records the cloud calls in flight; the next `pool apply` finishes"
                    + " them."
                : "No pool had started: nothing was changed on the clouds.")
            + (released
                ? ""
                : " The state lock was left in place: once no Poolform process runs, remove it"
                    + " with `pool force-unlock ID`."));
    ctx.out().flush();
    ctx.err().flush();
    ctx.interrupts().halt(ExitCode.INTERRUPTED);
  }

  /**
   * Applies {@code plan} (a saved one, or one shown and approved). A plan the state, the
   * configuration or the clouds have moved away from is refused as stale: the message is printed
   * and the command ends with 1.
   */
  public static ApplyResult runPlan(
      CliContext ctx, Path events, Workspace ws, Plan plan, IrConfig config, ApplyOptions options)
      throws Exception {
    return runPlan(ctx, events, ApplyListener.NONE, ws, plan, config, options);
  }

  /** {@link #runPlan} reporting every step to {@code also} too. */
  public static ApplyResult runPlan(
      CliContext ctx,
      Path events,
      ApplyListener also,
      Workspace ws,
      Plan plan,
      IrConfig config,
      ApplyOptions options)
      throws Exception {
    try {
      return run(
          ctx,
          events,
          also,
          ws,
          options.interruption(),
          l -> ws.applyPlan(plan, config, options, l));
    } catch (PlanFileException e) {
      ctx.err().println("error: " + e.getMessage());
      throw new CommandFailed(ExitCode.CONFIG_ERROR);
    }
  }

  /** Bars on a terminal (redrawn in place), timestamped lines otherwise; ticking every second. */
  static Progress progress(CliContext ctx) {
    boolean terminal = Terminal.attached() && !"dumb".equals(ctx.env().getOrDefault("TERM", ""));
    Progress view =
        terminal
            ? Progress.forTerminal(ctx.out(), new Paint(ctx.colour()), Clock.systemUTC())
            : Progress.lines(ctx.out(), Clock.systemUTC());
    return Progress.ticking(view, Duration.ofSeconds(1));
  }

  /**
   * Prints what failed (as located diagnostics) and the summary; returns the exit status: 0 when
   * everything is done, 130 when the apply was interrupted, 1 otherwise.
   */
  public static int report(CliContext ctx, String command, ApplyResult r, IrConfig config) {
    List<Problem> problems = new ArrayList<>(r.problems());
    for (PoolResult p : r.pools()) {
      if (p.status() == PoolResult.Status.FAILED) {
        problems.add(p.problem().orElse(Problem.of(p.address(), p.detail())));
      }
    }
    Problems.print(ctx, problems, config);
    String summary = ApplySummary.text(command, r);
    if (r.ok()) {
      ctx.out().println(summary);
      return ExitCode.OK;
    }
    ctx.err().println(summary);
    return r.interrupted() ? ExitCode.INTERRUPTED : ExitCode.CONFIG_ERROR;
  }
}
