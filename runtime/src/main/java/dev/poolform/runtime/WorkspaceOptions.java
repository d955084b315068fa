package dev.poolform.runtime;

import dev.poolform.ir.IrBackend;
import dev.poolform.runtime.engine.ProviderRegistry;
import dev.poolform.runtime.engine.Sleeper;
import dev.poolform.runtime.provider.CloudCalls;
import dev.poolform.runtime.state.StateOwner;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Where and how a workspace runs.
 *
 * @param directory the configuration directory (the {@code local} cloud lives under {@code
 *     .poolform/local/} there)
 * @param statePath {@code --state PATH}; default: the configuration's own state ({@code
 *     configuration})
 * @param environment environment variables for providers
 * @param clock the time source (tests pass a fake one)
 * @param sleeper how to wait between polls (tests pass one that advances the fake clock)
 * @param providers the cloud providers ({@link ProviderRegistry#load()} in real runs)
 * @param backend the configuration's {@code state} block; empty: the local file
 * @param calls where the providers report their requests to the clouds ({@code --metrics})
 * @param configuration the configuration (a {@code .pool} file or a directory): its state is {@code
 *     NAME.state.json} beside {@code NAME.pool}, or {@code pool.state.json} in the directory, and a
 *     state of another configuration is refused ({@link StateOwner}); empty: the directory's {@code
 *     pool.state.json}, unchecked (tests, tools)
 */
public record WorkspaceOptions(
    Path directory,
    Optional<Path> statePath,
    Map<String, String> environment,
    Clock clock,
    Sleeper sleeper,
    ProviderRegistry providers,
    Optional<IrBackend> backend,
    CloudCalls calls,
    Optional<Path> configuration) {

  public WorkspaceOptions {
    environment = Map.copyOf(environment);
  }

  /**
   * Options for the local state file of no named configuration (the directory's {@code
   * pool.state.json}, unchecked); nobody counts the providers' requests.
   */
  public WorkspaceOptions(
      Path directory,
      Optional<Path> statePath,
      Map<String, String> environment,
      Clock clock,
      Sleeper sleeper,
      ProviderRegistry providers) {
    this(
        directory,
        statePath,
        environment,
        clock,
        sleeper,
        providers,
        Optional.empty(),
        CloudCalls.NONE,
        Optional.empty());
  }

  /**
   * Real defaults: the state beside the configuration, system clock, providers via ServiceLoader.
   */
  public static WorkspaceOptions of(Path directory) {
    return new WorkspaceOptions(
        directory,
        Optional.empty(),
        System.getenv(),
        Clock.systemUTC(),
        Sleeper.REAL,
        ProviderRegistry.load());
  }

  public WorkspaceOptions withStatePath(Path p) {
    return new WorkspaceOptions(
        directory,
        Optional.of(p),
        environment,
        clock,
        sleeper,
        providers,
        backend,
        calls,
        configuration);
  }

  public WorkspaceOptions withProviders(ProviderRegistry r) {
    return new WorkspaceOptions(
        directory, statePath, environment, clock, sleeper, r, backend, calls, configuration);
  }

  public WorkspaceOptions withTime(Clock c, Sleeper s) {
    return new WorkspaceOptions(
        directory, statePath, environment, c, s, providers, backend, calls, configuration);
  }

  /** Keeps the state where {@code b} says (a {@code state} block), or in the local file. */
  public WorkspaceOptions withBackend(Optional<IrBackend> b) {
    return new WorkspaceOptions(
        directory, statePath, environment, clock, sleeper, providers, b, calls, configuration);
  }

  public WorkspaceOptions withCalls(CloudCalls c) {
    return new WorkspaceOptions(
        directory, statePath, environment, clock, sleeper, providers, backend, c, configuration);
  }

  /** These options for the configuration {@code c} (a {@code .pool} file or a directory). */
  public WorkspaceOptions withConfiguration(Path c) {
    return new WorkspaceOptions(
        directory,
        statePath,
        environment,
        clock,
        sleeper,
        providers,
        backend,
        calls,
        Optional.of(c));
  }

  public Path resolvedStatePath() {
    return statePath.orElseGet(
        () ->
            configuration
                .map(StateOwner::defaultStatePath)
                .orElse(directory.resolve(StateOwner.DIRECTORY_STATE)));
  }

  /** The configuration the state must belong to, if one was named. */
  public Optional<StateOwner> owner() {
    return configuration.map(c -> new StateOwner(c, statePath.isEmpty()));
  }
}
