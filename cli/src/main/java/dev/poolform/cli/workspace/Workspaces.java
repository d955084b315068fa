package dev.poolform.cli.workspace;

import dev.poolform.cli.CliContext;
import dev.poolform.cli.UsageException;
import dev.poolform.ir.IrBackend;
import dev.poolform.ir.IrConfig;
import dev.poolform.ir.IrPool;
import dev.poolform.runtime.Workspace;
import dev.poolform.runtime.WorkspaceOptions;
import dev.poolform.runtime.engine.ApplyOptions;
import dev.poolform.runtime.engine.Interruption;
import dev.poolform.runtime.engine.ProviderRegistry;
import dev.poolform.runtime.engine.Sleeper;
import dev.poolform.runtime.provider.CloudCalls;
import dev.poolform.stdlib.value.Literals;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** Opens the runtime's workspace for a command, with the CLI's environment and options. */
public final class Workspaces {
  private Workspaces() {}

  /** The workspace of a compiled configuration: its {@code state} block says where the state is. */
  public static Workspace open(CliContext ctx, Target target, Path statePath) {
    return open(ctx, target, statePath, CloudCalls.NONE);
  }

  /**
   * As {@link #open(CliContext, Target, Path)}, each request to the clouds reported to {@code
   * calls}.
   */
  public static Workspace open(CliContext ctx, Target target, Path statePath, CloudCalls calls) {
    return open(ctx, Optional.of(target.entry()), statePath, target.config().backend(), calls);
  }

  /**
   * The workspace of {@code configuration} (a {@code .pool} file or a directory), for the commands
   * that do not otherwise compile ({@code state ...}, {@code force-unlock}, {@code show}): the
   * local cloud in its directory, its own state ({@code NAME.state.json} or {@code
   * pool.state.json}) unless {@code statePath} is given, and a state of another configuration
   * refused. Only the configuration's {@code state} block is read (nothing evaluated, so no
   * variable needs a value); a block with errors is reported, and the command stops, rather than
   * guess where the state is.
   */
  public static Workspace open(CliContext ctx, Path configuration, Path statePath) {
    return open(ctx, Optional.of(configuration), statePath);
  }

  /**
   * As above; without a configuration, the workspace is the current directory and the state is
   * {@code statePath} (or the directory's {@code pool.state.json}), whatever configuration it
   * belongs to.
   */
  public static Workspace open(CliContext ctx, Optional<Path> configuration, Path statePath) {
    Optional<IrBackend> backend =
        configuration.filter(Workspaces::hasConfig).isPresent()
            ? Target.stateBlock(ctx, configuration.get()).config().backend()
            : Optional.empty();
    return open(ctx, configuration, statePath, backend, CloudCalls.NONE);
  }

  /** Whether {@code entry} is a {@code .pool} file or a directory holding one. */
  private static boolean hasConfig(Path entry) {
    if (!Files.isDirectory(entry)) return entry.getFileName().toString().endsWith(".pool");
    try (var files = Files.list(entry)) {
      return files.anyMatch(f -> f.getFileName().toString().endsWith(".pool"));
    } catch (IOException e) {
      return false;
    }
  }

  private static Workspace open(
      CliContext ctx,
      Optional<Path> configuration,
      Path statePath,
      Optional<IrBackend> backend,
      CloudCalls calls) {
    WorkspaceOptions o =
        new WorkspaceOptions(
            configuration.map(Target::directoryOf).orElse(ctx.cwd()),
            Optional.ofNullable(statePath).map(ctx::resolve),
            ctx.env(),
            Clock.systemUTC(),
            Sleeper.REAL,
            ProviderRegistry.load(),
            backend,
            calls,
            configuration);
    return Workspace.open(o);
  }

  /**
   * Apply options: {@code --parallelism}, and how often to poll the clouds. Real clouds are polled
   * every 2s; a configuration only on local clouds is polled at a quarter of its shortest boot time
   * (at least 50ms), so demos and tests do not wait on the poll. {@code POOLFORM_POLL_INTERVAL}
   * (e.g. {@code 200ms}) overrides both.
   */
  public static ApplyOptions applyOptions(CliContext ctx, IrConfig config, int parallelism) {
    if (parallelism < 1) throw new UsageException("--parallelism must be at least 1.");
    Duration poll = ApplyOptions.defaults().pollInterval();
    String env = ctx.env().get("POOLFORM_POLL_INTERVAL");
    if (env != null && !env.isBlank()) {
      poll = parseDuration(env.strip());
    } else if (!config.pools().isEmpty()
        && config.pools().stream().allMatch(p -> p.cloud().kind().equals("local"))) {
      long boot = Long.MAX_VALUE;
      for (IrPool p : config.pools()) {
        boot = Math.min(boot, p.cloud().settings().durationMillis("boot_time").orElse(2000L));
      }
      poll = Duration.ofMillis(Math.max(50, Math.min(2000, boot / 4)));
    }
    return ApplyOptions.defaults()
        .withParallelism(parallelism)
        .withPollInterval(poll)
        .withInterruption(new Interruption());
  }

  /** A duration option such as {@code --interval 30s}; a bad one is a usage error. */
  public static Duration duration(String option, String s) {
    try {
      Duration d = Duration.ofMillis(Literals.parseDuration(s.strip()));
      if (d.isZero() || d.isNegative()) throw new UsageException(option + " must be positive.");
      return d;
    } catch (Literals.LiteralFormatException e) {
      throw new UsageException(
          option + " must be a duration like 200ms, 30s or 1m, not `" + s + "`.");
    }
  }

  static Duration parseDuration(String s) {
    try {
      return Duration.ofMillis(Literals.parseDuration(s));
    } catch (Literals.LiteralFormatException e) {
      throw new UsageException(
          "POOLFORM_POLL_INTERVAL must be a duration like 200ms, 1s or 1m, not `" + s + "`.");
    }
  }
}
