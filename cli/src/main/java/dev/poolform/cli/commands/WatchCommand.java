package dev.poolform.cli.commands;

import dev.poolform.cli.CliContext;
import dev.poolform.cli.ExitCode;
import dev.poolform.cli.UsageException;
import dev.poolform.cli.commands.options.ConfigPathParameter;
import dev.poolform.cli.commands.options.ParallelismOption;
import dev.poolform.cli.commands.options.StateFileOption;
import dev.poolform.cli.metrics.FleetMetrics;
import dev.poolform.cli.metrics.MetricsServer;
import dev.poolform.cli.notify.WebhookNotifier;
import dev.poolform.cli.workspace.RuntimeCommand;
import dev.poolform.cli.workspace.Target;
import dev.poolform.cli.workspace.WatchOutput;
import dev.poolform.cli.workspace.Workspaces;
import dev.poolform.runtime.Workspace;
import dev.poolform.runtime.event.EventLog;
import dev.poolform.runtime.plan.Action;
import dev.poolform.runtime.watch.WatchListener;
import dev.poolform.runtime.watch.WatchOptions;
import dev.poolform.runtime.watch.Watcher;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
      "Runs until stopped (SIGTERM or Ctrl-C end it after the current step)."
    },
    footer = {
      "",
      "Exit status: 0 stopped normally, 1 errors in the configuration, 2 usage or environment",
      "error; a JVM stopped by SIGTERM exits 143.%n"
    })
public final class WatchCommand implements Callable<Integer> {
  /** How long a stop waits for the step in progress (an apply) before the process exits anyway. */
  static final long STOP_GRACE_SECONDS = 30;

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

  @Option(
      names = "--metrics",
      paramLabel = "HOST:PORT",
      description = "Serve Prometheus metrics on http://HOST:PORT/metrics, e.g. 127.0.0.1:9464.")
  String metrics;

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

  public WatchCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws Exception {
    return RuntimeCommand.run(ctx, this::watch);
  }

  private int watch() throws Exception {
    Set<Action> allowed = allowed();
    if (!allow.isEmpty() && !apply) throw new UsageException("--allow needs --apply.");
    Target target = Target.compile(ctx, path.path());
    WatchOptions options =
        new WatchOptions(
            Workspaces.duration("--interval", interval),
            apply,
            allowed,
            parallelism.applyOptions(ctx, target.config()),
            Workspaces.duration("--alert-after", alertAfter));
    Workspace ws = state.open(ctx, target);
    WatchListener out = new WatchOutput(ctx, json, new EventLog(target.directory()));
    MetricsServer server = null;
    if (metrics != null) {
      FleetMetrics m = new FleetMetrics();
      server = MetricsServer.start(metrics, m.registry());
      ctx.err().println("Serving Prometheus metrics on http://" + metrics + "/metrics");
      ctx.err().flush();
      out = out.and(m);
    }
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
      return runUntilStopped(new Watcher(ws, target.config(), options, out));
    } finally {
      if (notifier != null) notifier.close();
      if (server != null) server.close();
    }
  }

  /** Runs the loop; SIGTERM (a shutdown hook) stops it between steps and waits for it. */
  private int runUntilStopped(Watcher watcher) {
    CountDownLatch done = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              watcher.stop();
              try {
                done.await(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "poolform-watch-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      watcher.run();
    } finally {
      ctx.out().flush();
      ctx.err().flush();
      done.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // The JVM is shutting down (SIGTERM): the hook is what ended the loop.
      }
    }
    return ExitCode.OK;
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
