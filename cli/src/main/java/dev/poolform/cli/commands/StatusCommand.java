package dev.poolform.cli.commands;

import dev.poolform.cli.CliContext;
import dev.poolform.cli.ExitCode;
import dev.poolform.cli.UsageException;
import dev.poolform.cli.commands.options.StateFileOption;
import dev.poolform.cli.commands.options.VariableOptions;
import dev.poolform.cli.view.Paint;
import dev.poolform.cli.view.StatusText;
import dev.poolform.cli.view.Terminal;
import dev.poolform.cli.workspace.JsonErrors;
import dev.poolform.cli.workspace.Problems;
import dev.poolform.cli.workspace.RuntimeCommand;
import dev.poolform.cli.workspace.Target;
import dev.poolform.cli.workspace.Workspaces;
import dev.poolform.runtime.Workspace;
import dev.poolform.runtime.observe.FleetStatus;
import dev.poolform.runtime.observe.PoolStatus;
import dev.poolform.runtime.observe.StatusJson;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pool status [PATH] [ADDR...] [--json] [--watch [--interval D]] [--state PATH]}. */
@Command(
    name = "status",
    description = {
      "Show the fleet as it is now: per pool its machines (ready, booting, unhealthy, on the",
      "current or an older spec), a rollout in progress, health problems, drift, owed work and",
      "what apply would do. Reads the clouds as plan does; changes nothing."
    },
    footer = {
      "",
      "Exit status: 0 every pool shown is healthy and current, 1 errors (configuration, state,",
      "a cloud that cannot be read), 2 usage or environment error, 3 healthy but not current",
      "(drift, changes to apply, owed work, a rollout running), 4 a pool is unhealthy.%n"
    })
public final class StatusCommand implements Callable<Integer> {
  /** Some pool shown has changes to apply, drift, owed work or a rollout running. */
  public static final int NOT_CURRENT = 3;

  /** Some pool shown is unhealthy (its group is gone, a machine is unhealthy or failed). */
  public static final int UNHEALTHY = 4;

  private final CliContext ctx;

  @Parameters(
      arity = "0..*",
      paramLabel = "PATH|ADDR",
      description =
          "A .pool file or directory (default: the current directory), then the addresses of the"
              + " pools to show (pool.NAME; default: all).")
  List<String> args = new ArrayList<>();

  @Option(names = "--json", description = "Print the status as JSON (docs/json.md#status).")
  boolean json;

  @Option(names = "--watch", description = "Redraw every --interval until interrupted.")
  boolean watch;

  @Option(
      names = "--interval",
      paramLabel = "DURATION",
      defaultValue = "10s",
      description = "How often --watch reads the clouds again (default: ${DEFAULT-VALUE}).")
  String interval;

  @Mixin StateFileOption state;

  @Mixin VariableOptions variables;

  public StatusCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws Exception {
    return RuntimeCommand.run(ctx, JsonErrors.of(json, this), this::status);
  }

  private int status() throws Exception {
    Path path = null;
    Set<String> addresses = new LinkedHashSet<>();
    for (String a : args) {
      if (a.startsWith("pool.")) addresses.add(a);
      else if (path == null && addresses.isEmpty()) path = Path.of(a);
      else throw new UsageException("`" + a + "` is not a pool address (pool.NAME).");
    }
    Duration every = Workspaces.duration("--interval", interval);
    Target target = Target.compile(ctx, path, variables.sources(ctx));
    Workspace ws = state.open(ctx, target);
    boolean redraw = watch && Terminal.attached();
    while (true) {
      FleetStatus s = only(ws.status(target.config()), addresses);
      if (redraw) ctx.out().print("\u001b[H\u001b[2J");
      int status = show(s, target);
      if (!watch) return status;
      ctx.out().flush();
      Thread.sleep(every.toMillis());
    }
  }

  private int show(FleetStatus s, Target target) {
    if (json) {
      ctx.out().print(StatusJson.write(s));
    } else {
      Problems.print(ctx, s.problems(), target.config());
      ctx.out().print(StatusText.render(s, new Paint(ctx.colour())));
    }
    return exitStatus(s);
  }

  /** What a script reads from {@code pool status}: see the footer. */
  public static int exitStatus(FleetStatus s) {
    if (!s.readOk()) return ExitCode.CONFIG_ERROR;
    if (!s.healthy()) return UNHEALTHY;
    if (!s.current()) return NOT_CURRENT;
    return ExitCode.OK;
  }

  private static FleetStatus only(FleetStatus s, Set<String> addresses) {
    if (addresses.isEmpty()) return s;
    List<PoolStatus> shown =
        s.pools().stream().filter(p -> addresses.contains(p.address())).toList();
    for (String a : addresses) {
      if (shown.stream().noneMatch(p -> p.address().equals(a)) && s.readOk()) {
        throw new UsageException(a + " is neither in the configuration nor in the state.");
      }
    }
    return new FleetStatus(s.at(), shown, s.problems());
  }
}
