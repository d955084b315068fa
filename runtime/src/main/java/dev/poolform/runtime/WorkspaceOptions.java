package dev.poolform.runtime;

import dev.poolform.ir.IrBackend;
import dev.poolform.runtime.engine.ProviderRegistry;
import dev.poolform.runtime.engine.Sleeper;
import dev.poolform.runtime.provider.CloudCalls;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Where and how a workspace runs.
 *
 * @param directory the configuration directory (the {@code local} cloud lives under {@code
 *     .poolform/local/} there)
 * @param statePath {@code --state PATH}; default {@code DIRECTORY/pool.state.json}
 * @param environment environment variables for providers
 * @param clock the time source (tests pass a fake one)
 * @param sleeper how to wait between polls (tests pass one that advances the fake clock)
 * @param providers the cloud providers ({@link ProviderRegistry#load()} in real runs)
 * @param backend the configuration's {@code state} block; empty: the local file
 * @param calls where the providers report their requests to the clouds ({@code --metrics})
 */
public record WorkspaceOptions(
    Path directory,
    Optional<Path> statePath,
    Map<String, String> environment,
    Clock clock,
    Sleeper sleeper,
    ProviderRegistry providers,
    Optional<IrBackend> backend,
    CloudCalls calls) {

  public WorkspaceOptions {
    environment = Map.copyOf(environment);
  }

  /** Options for the local state file; nobody counts the providers' requests. */
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
        CloudCalls.NONE);
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
        directory, Optional.of(p), environment, clock, sleeper, providers, backend, calls);
  }

  public WorkspaceOptions withProviders(ProviderRegistry r) {
    return new WorkspaceOptions(
        directory, statePath, environment, clock, sleeper, r, backend, calls);
  }

  public WorkspaceOptions withTime(Clock c, Sleeper s) {
    return new WorkspaceOptions(directory, statePath, environment, c, s, providers, backend, calls);
  }

  /** Keeps the state where {@code b} says (a {@code state} block), or in the local file. */
  public WorkspaceOptions withBackend(Optional<IrBackend> b) {
    return new WorkspaceOptions(
        directory, statePath, environment, clock, sleeper, providers, b, calls);
  }

  public WorkspaceOptions withCalls(CloudCalls c) {
    return new WorkspaceOptions(
        directory, statePath, environment, clock, sleeper, providers, backend, c);
  }

  public Path resolvedStatePath() {
    return statePath.orElse(directory.resolve("pool.state.json"));
  }
}
