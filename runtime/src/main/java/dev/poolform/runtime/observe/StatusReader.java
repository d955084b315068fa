package dev.poolform.runtime.observe;

import dev.poolform.ir.IrConfig;
import dev.poolform.ir.IrHealth;
import dev.poolform.ir.IrPool;
import dev.poolform.runtime.Instants;
import dev.poolform.runtime.engine.HealthCheck;
import dev.poolform.runtime.engine.PlanOutcome;
import dev.poolform.runtime.engine.Refresh;
import dev.poolform.runtime.plan.Drift;
import dev.poolform.runtime.plan.Plan;
import dev.poolform.runtime.plan.PoolChange;
import dev.poolform.runtime.provider.CloudRolloutStatus;
import dev.poolform.runtime.provider.ObservedGroup;
import dev.poolform.runtime.provider.ObservedMachine;
import dev.poolform.runtime.provider.ObservedMachine.MachineState;
import dev.poolform.runtime.spec.PoolSpecs;
import dev.poolform.runtime.state.OwedWork;
import dev.poolform.runtime.state.PendingIntent;
import dev.poolform.runtime.state.ResourceState;
import dev.poolform.runtime.state.State;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Builds a {@link FleetStatus} from a plan's outcome: no cloud call of its own. */
public final class StatusReader {
  private StatusReader() {}

  public static FleetStatus read(IrConfig config, State state, PlanOutcome outcome, Instant now) {
    if (outcome.plan().isEmpty() || outcome.refresh().isEmpty()) {
      return new FleetStatus(now, List.of(), outcome.problems());
    }
    Plan plan = outcome.plan().get();
    Refresh refresh = outcome.refresh().get();
    Map<String, IrPool> pools =
        config.pools().stream().collect(Collectors.toMap(IrPool::address, Function.identity()));
    List<PoolStatus> out = new ArrayList<>();
    for (PoolChange c : plan.changes()) {
      List<String> drift =
          plan.drift().stream()
              .filter(d -> d.address().equals(c.address()))
              .map(Drift::reason)
              .toList();
      out.add(
          pool(
              c,
              Optional.ofNullable(pools.get(c.address())),
              state.resource(c.address()),
              state.pendingFor(c.address()),
              refresh,
              drift,
              now));
    }
    return new FleetStatus(now, out, List.of());
  }

  private static PoolStatus pool(
      PoolChange change,
      Optional<IrPool> pool,
      Optional<ResourceState> st,
      List<PendingIntent> pending,
      Refresh refresh,
      List<String> drift,
      Instant now) {
    Optional<ObservedGroup> live = st.flatMap(r -> refresh.live(r.cloud().key(), change.address()));
    Optional<List<ObservedMachine>> machines =
        Optional.ofNullable(refresh.machines().get(change.address()));
    Optional<String> current = pool.map(PoolSpecs::machineHash);
    Optional<MachineCounts> counts =
        machines.map(
            ms -> MachineCounts.of(ms, current.orElse(st.map(r -> r.specHash()).orElse(""))));
    // The state records a group the cloud no longer has: it was deleted outside Poolform.
    Optional<String> missing = live.isEmpty() ? st.map(r -> r.group().cloudId()) : Optional.empty();
    List<String> health = new ArrayList<>();
    missing.ifPresent(g -> health.add("its group " + g + " is gone from the cloud"));
    machines.ifPresent(ms -> health.addAll(machineHealth(ms, pool, now)));
    belowMin(st.flatMap(ResourceState::owed), counts, pool).ifPresent(health::add);
    live.flatMap(ObservedGroup::cloudRollout)
        .filter(r -> r.phase() == CloudRolloutStatus.Phase.FAILED)
        .ifPresent(r -> health.add("the cloud's rollout " + r.id() + " failed: " + r.message()));
    boolean launchesCurrent =
        live.map(g -> g.specHash().isPresent() && g.specHash().equals(current))
            .orElse(current.isEmpty());
    return new PoolStatus(
        change.address(),
        change.cloud(),
        live.map(g -> g.ref().cloudId()),
        missing,
        live.map(ObservedGroup::desired)
            .orElse(pool.map(p -> p.capacity().desired().orElse(p.capacity().min())).orElse(0L)),
        live.map(ObservedGroup::instanceCount).orElse(0),
        counts,
        launchesCurrent,
        rollout(st, live, counts),
        health,
        drift,
        change.action().text(),
        change.isChange() ? change.reasons() : List.of(),
        owed(st.flatMap(ResourceState::owed), pending),
        List.of());
  }

  /**
   * A pool a failed apply left with fewer machines ready than its {@code min} is down, even when
   * none of its machines reads failed or unhealthy at this moment (a cloud replacing machines that
   * never boot shows them booting between failures). Only after a failure: while an apply runs, or
   * after an interrupt, machines booting below {@code min} are the apply's to wait for.
   */
  private static Optional<String> belowMin(
      Optional<OwedWork> owed, Optional<MachineCounts> counts, Optional<IrPool> pool) {
    if (owed.isEmpty() || owed.get().failure().isEmpty()) return Optional.empty();
    if (counts.isEmpty() || pool.isEmpty()) return Optional.empty();
    long min = pool.get().capacity().min();
    if (counts.get().ready() >= min) return Optional.empty();
    return Optional.of(
        counts.get().ready()
            + " of its machines ready, below its min of "
            + min
            + ", after the "
            + owed.get().step()
            + " failed: "
            + owed.get().failure().get());
  }

  /** One sentence per unhealthy or failed machine, saying whether repair would act on it yet. */
  private static List<String> machineHealth(
      List<ObservedMachine> machines, Optional<IrPool> pool, Instant now) {
    IrHealth h = pool.map(IrPool::health).orElse(IrHealth.NONE);
    List<ObservedMachine> due =
        h.equals(IrHealth.NONE) ? List.of() : HealthCheck.unhealthy(machines, h, now);
    List<String> out = new ArrayList<>();
    for (ObservedMachine m : machines) {
      if (m.state() != MachineState.UNHEALTHY && m.state() != MachineState.FAILED) continue;
      String what = m.state() == MachineState.FAILED ? "failed" : "unhealthy";
      out.add(
          "machine "
              + m.id()
              + " is "
              + what
              + " since "
              + Instants.text(m.unhealthyClockStart())
              + (due.contains(m)
                  ? "; past its grace period, apply replaces it"
                  : "; within its grace period"));
    }
    return out;
  }

  private static Optional<RolloutState> rollout(
      Optional<ResourceState> st, Optional<ObservedGroup> live, Optional<MachineCounts> counts) {
    Optional<CloudRolloutStatus> cloud =
        live.flatMap(ObservedGroup::cloudRollout).filter(r -> !r.done());
    if (cloud.isPresent()) {
      CloudRolloutStatus c = cloud.get();
      return Optional.of(
          new RolloutState(
              "cloud",
              c.percentComplete(),
              c.phase().name().toLowerCase(Locale.ROOT),
              c.message()));
    }
    return st.flatMap(ResourceState::rollout)
        .map(
            r -> {
              int percent =
                  counts.filter(m -> m.live() > 0).map(m -> m.updated() * 100 / m.live()).orElse(0);
              return new RolloutState(
                  r.engine(), percent, r.rollingBack() ? "rolling_back" : "in_progress", "");
            });
  }

  /**
   * The work the pool owes, one sentence each: the step a failed, interrupted or killed apply left
   * unfinished (its owed record), then the cloud calls in flight when a process was killed (its
   * write-ahead intents, e.g. a create whose group id was never recorded).
   */
  static List<String> owed(Optional<OwedWork> work, List<PendingIntent> pending) {
    List<String> out = new ArrayList<>();
    work.ifPresent(
        w ->
            out.add(
                "the "
                    + w.step()
                    + " started at "
                    + w.since().truncatedTo(ChronoUnit.SECONDS)
                    + " did not finish"
                    + w.failure()
                        .map(f -> ": " + f)
                        .orElse(" (the apply was interrupted or killed)")
                    + "; apply resumes it"));
    for (PendingIntent p : pending) {
      out.add(
          p.operation()
              + " (started "
              + p.startedAt().truncatedTo(ChronoUnit.SECONDS)
              + ") did not finish: the process stopped; apply completes it");
    }
    return out;
  }
}
