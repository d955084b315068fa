package dev.poolform.cli.commands;

import dev.poolform.cli.CliContext;
import dev.poolform.cli.ExitCode;
import dev.poolform.cli.Interrupts;
import dev.poolform.cli.UsageException;
import dev.poolform.cli.commands.options.ConfigPathParameter;
import dev.poolform.cli.commands.options.MetricsOption;
import dev.poolform.cli.commands.options.ParallelismOption;
import dev.poolform.cli.commands.options.StateFileOption;
import dev.poolform.cli.commands.options.VariableOptions;
import dev.poolform.cli.metrics.FleetMetrics;
import dev.poolform.cli.metrics.MetricsServer;
import dev.poolform.cli.notify.WebhookNotifier;
import dev.poolform.cli.workspace.JsonErrors;
import dev.poolform.cli.workspace.RuntimeCommand;
import dev.poolform.cli.workspace.Target;
import dev.poolform.cli.workspace.WatchOutput;
import dev.poolform.cli.workspace.Workspaces;
import dev.poolform.runtime.Workspace;
import dev.poolform.runtime.engine.Interruption;
import dev.poolform.runtime.event.EventLog;
import dev.poolform.runtime.plan.Action;
import dev.poolform.runtime.provider.CloudCalls;
import dev.poolform.runtime.watch.WatchListener;
import dev.poolform.runtime.watch.WatchOptions;
import dev.poolform.runtime.watch.Watcher;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code pool watch [PATH] [--interval D] [--apply [--allow LIST]] [--json] [--state PATH]}: the
 * reconcile loop (docs/operate.md).
 */
@Command(
    name = "watch",
    description = {
      "Keep watching the fleet: every --interval, read the clouds as plan does and report drift,",
      "unhealthy pools and stalled rollouts, one line per event. With --apply, correct what",
      "--allow covers (scale and repair by default), holding the state lock only while acting.",
      "Runs until stopped: SIGTERM or Ctrl-C end it after the current step, a second one at once."
    },
    footer = {
      "",
      "Exit status: 0 stopped (SIGTERM or Ctrl-C), 1 errors in the configuration, 2 usage or",
      "environment error, 130 stopped at once by a second signal.%n"
    })
public final class WatchCommand implements Callable<Integer>, JsonErrors.Lines {
  private final CliContext ctx;

  @Mixin ConfigPathParameter path;

  @Option(
      names = "--interval",
      paramLabel = "DURATION",
      defaultValue = "1m",
      description = "Time between refreshes (default: ${DEFAULT-VALUE}).")
  String interval;

  @Option(names = "--apply", description = "Correct what --allow covers.")
  boolean apply;

  @Option(
      names = "--allow",
      paramLabel = "ACTIONS",
      split = ",",
      description =
          "Plan actions --apply may carry out: scale, repair, rollout, update, create, replace,"
              + " delete (default: scale,repair).")
  List<String> allow = new ArrayList<>();

  @Option(
      names = "--alert-after",
      paramLabel = "DURATION",
      defaultValue = "10m",
      description =
          "Raise an alert event when a pool stays unhealthy, a rollout stands still or the lock"
              + " stays held this long (default: ${DEFAULT-VALUE}).")
  String alertAfter;

  @Mixin MetricsOption metrics;

  @Option(
      names = "--notify",
      paramLabel = "URL",
      description =
          "POST alerting events (drift found, unhealthy past --alert-after, rollout stalled, apply"
              + " failed, lock held too long) as JSON to this webhook, with retries.")
  String notify;

  @Option(names = "--json", description = "One JSON object per line (docs/json.md#watch-events).")
  boolean json;

  @Mixin ParallelismOption parallelism;

  @Mixin StateFileOption state;

  @Mixin VariableOptions variables;

  public WatchCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws Exception {
    return RuntimeCommand.run(ctx, JsonErrors.of(json, this), this::watch);
  }

  private int watch() throws Exception {
    Set<Action> allowed = allowed();
    if (!allow.isEmpty() && !apply) throw new UsageException("--allow needs --apply.");
    Target target = Target.compile(ctx, path.path(), variables.sources(ctx));
    WatchOptions options =
        new WatchOptions(
            Workspaces.duration("--interval", interval),
            apply,
            allowed,
            parallelism.applyOptions(ctx, target.config()),
            Workspaces.duration("--alert-after", alertAfter));
    WatchListener out = new WatchOutput(ctx, json, new EventLog(target.directory()));
    Optional<MetricsServer> server = metrics.start(ctx, FleetMetrics::forWatch);
    if (server.isPresent()) out = out.and(server.get().metrics());
    Workspace ws =
        state.open(
            ctx, target, server.<CloudCalls>map(MetricsServer::metrics).orElse(CloudCalls.NONE));
    WebhookNotifier notifier = null;
    if (notify != null) {
      notifier =
          new WebhookNotifier(
              WebhookNotifier.parse(notify),
              line -> {
                synchronized (ctx.err()) {
                  ctx.err().println(line);
                  ctx.err().flush();
                }
              });
      out = out.and(notifier);
    }
    try {
      return runUntilStopped(
          new Watcher(ws, target.config(), options, out), options.applyOptions().interruption());
    } finally {
      if (notifier != null) notifier.close();
      server.ifPresent(MetricsServer::close);
    }
  }

  /**
   * Runs the loop with Ctrl-C and SIGTERM armed for its whole run, through the CLI's one signal
   * path ({@link dev.poolform.cli.Interrupts}), as for apply: the first signal ends the loop after
   * the step it is in (an apply of the watch finishes each pool's current step, writes state and
   * releases the lock) and the watch exits 0, a clean stop; a second stops at once with 130.
   */
  private int runUntilStopped(Watcher watcher, Interruption stopApply) {
    try (Interrupts.Armed armed =
        ctx.interrupts().arm(count -> interrupted(watcher, stopApply, count))) {
      watcher.run();
    } finally {
      ctx.out().flush();
      ctx.err().flush();
    }
    return ExitCode.OK;
  }

  private void interrupted(Watcher watcher, Interruption stopApply, int count) {
    if (count == 1) {
      watcher.stop();
      stopApply.request();
      return;
    }
    boolean released = stopApply.abort();
    synchronized (ctx.err()) {
      ctx.err()
          .println(
              "Second interrupt: stopping at once."
                  + (released
                      ? ""
                      : " The state lock was left in place: once no Poolform process runs,"
                          + " remove it with `pool force-unlock ID`."));
      ctx.err().flush();
    }
    ctx.out().flush();
    ctx.interrupts().halt(ExitCode.INTERRUPTED);
  }

  private Set<Action> allowed() {
    if (allow.isEmpty()) return WatchOptions.DEFAULT_ALLOW;
    Set<Action> out = EnumSet.noneOf(Action.class);
    for (String a : allow) {
      String s = a.strip().toLowerCase(Locale.ROOT);
      Action action =
          switch (s) {
            case "scale" -> Action.SCALE;
            case "repair" -> Action.REPAIR;
            case "rollout" -> Action.ROLLOUT;
            case "update" -> Action.UPDATE;
            case "create" -> Action.CREATE;
            case "replace" -> Action.REPLACE;
            case "delete" -> Action.DELETE;
            default ->
                throw new UsageException(
                    "--allow takes scale, repair, rollout, update, create, replace and delete,"
                        + " not `"
                        + a
                        + "`.");
          };
      out.add(action);
    }
    return out;
  }
}
