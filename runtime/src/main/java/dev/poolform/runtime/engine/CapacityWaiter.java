package dev.poolform.runtime.engine;

import dev.poolform.ir.IrHealth;
import dev.poolform.runtime.event.ApplyEvent;
import dev.poolform.runtime.provider.CloudSession;
import dev.poolform.runtime.provider.GroupRef;
import dev.poolform.runtime.provider.ObservedMachine;
import dev.poolform.runtime.provider.ObservedMachine.MachineState;
import dev.poolform.runtime.provider.ProviderException;
import dev.poolform.runtime.state.StateException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Waits at the end of a step until the pool is at its spec: {@code count} machines on the spec,
 * healthy for {@code min_ready} (Terraform's wait_for_capacity, done portably). Machines that
 * FAILED are terminated so the group launches others, within the failure budget. The wait fails
 * past {@code rollout.timeout}, and at once when no machine is on its way any more and only
 * unhealthy ones stand between the pool and its spec: nothing launched by this step will change
 * that.
 */
final class CapacityWaiter {
  private final StepContext ctx;
  private final CloudSession session;

  CapacityWaiter(StepContext ctx, CloudSession session) {
    this.ctx = ctx;
    this.session = session;
  }

  /** What one wait is for. */
  record Target(
      GroupRef ref,
      String specHash,
      long count,
      Duration minReady,
      Duration timeout,
      IrHealth health,
      Set<String> known) {}

  /**
   * Machines that count towards a pool's spec: on {@code specHash} (or of a cloud that does not
   * say), healthy for {@code minReady}.
   */
  static long available(
      List<ObservedMachine> machines, String specHash, Instant now, Duration minReady) {
    return machines.stream()
        .filter(m -> onSpec(m, specHash))
        .filter(m -> m.availableAt(now, minReady))
        .count();
  }

  private static boolean onSpec(ObservedMachine m, String specHash) {
    return m.specHash().map(specHash::equals).orElse(true);
  }

  /**
   * Waits for the target.
   *
   * @throws StepFailure past the timeout, with too many failed launches, or when only unhealthy
   *     machines are missing and none is on its way
   */
  void await(Target t) throws ProviderException, StepFailure, StateException {
    GroupRef ref = t.ref();
    Instant deadline = ctx.now().plus(t.timeout());
    int budget = ctx.options().failureBudget(t.count());
    int failures = 0;
    Set<String> gone = new HashSet<>();
    Set<String> known = t.known() == null ? null : new HashSet<>(t.known());
    String last = "";
    boolean first = true;
    while (true) {
      Instant now = ctx.now();
      List<ObservedMachine> ms =
          session.machines(ref).stream()
              .filter(m -> m.state() != MachineState.TERMINATING && !gone.contains(m.id()))
              .filter(m -> onSpec(m, t.specHash()))
              .toList();
      if (known == null) {
        known = new HashSet<>();
        for (ObservedMachine m : ms) known.add(m.id());
      }
      for (ObservedMachine m : ms) {
        if (known.add(m.id()))
          ctx.emit(new ApplyEvent.MachineLaunched(now, ref.address(), m.id(), t.specHash()));
      }
      List<String> failed =
          ms.stream()
              .filter(m -> m.state() == MachineState.FAILED)
              .map(ObservedMachine::id)
              .toList();
      if (!failed.isEmpty()) {
        failures += failed.size();
        if (failures > budget) {
          throw new StepFailure(
              Counted.machines(failures) + " failed to boot (the limit is " + budget + ")",
              "machine");
        }
        ctx.intents()
            .run(
                "terminate",
                ref.address(),
                ref.name(),
                () -> session.terminate(ref, failed, false));
        gone.addAll(failed);
        for (String id : failed)
          ctx.emit(new ApplyEvent.MachineRetired(now, ref.address(), id, "failed", false));
        ms = ms.stream().filter(m -> !gone.contains(m.id())).toList();
      }
      long available = available(ms, t.specHash(), now, t.minReady());
      long booting = ms.stream().filter(m -> onItsWay(m, now, t.minReady())).count();
      String progress = available + "/" + t.count() + "/" + booting;
      if (!progress.equals(last)) {
        last = progress;
        ctx.emit(
            new ApplyEvent.CapacityProgress(now, ref.address(), available, t.count(), booting));
      }
      if (available >= t.count()) return;
      if (first) {
        first = false;
        ctx.emit(
            new ApplyEvent.Message(
                now,
                ref.address(),
                "waiting for " + Counted.machines(t.count()) + " to be available"));
      }
      List<String> unhealthy =
          ms.stream()
              .filter(m -> m.state() == MachineState.UNHEALTHY)
              .map(ObservedMachine::id)
              .toList();
      if (failed.isEmpty()
          && booting == 0
          && !unhealthy.isEmpty()
          && available + unhealthy.size() >= t.count()) {
        throw new StepFailure(stuck(t, available, unhealthy), "health");
      }
      if (now.isAfter(deadline)) {
        throw new StepFailure(
            "only "
                + available
                + " of "
                + t.count()
                + " machines became available within rollout.timeout ("
                + Durations.text(t.timeout())
                + ")",
            "rollout.timeout");
      }
      ctx.pause(ctx.options().pollInterval());
    }
  }

  /** Booting, or healthy and not yet past {@code min_ready}: it becomes available on its own. */
  private static boolean onItsWay(ObservedMachine m, Instant now, Duration minReady) {
    return switch (m.state()) {
      case PENDING, RUNNING -> true;
      case HEALTHY -> !m.availableAt(now, minReady);
      default -> false;
    };
  }

  /** Why a pool whose missing machines are all unhealthy is below its spec, and what fixes it. */
  private static String stuck(Target t, long available, List<String> unhealthy) {
    String fix =
        t.health().repair() == IrHealth.Repair.REPLACE
            ? "health repair replaces a machine unhealthy for longer than health.grace ("
                + Durations.text(t.health().grace())
                + "); apply again after that"
            : "nothing replaces unhealthy machines unless the pool's health block says repair"
                + " = \"replace\"";
    return "the pool is below its spec: "
        + available
        + " of "
        + t.count()
        + " machines are available and no other is on its way; unhealthy: "
        + String.join(", ", unhealthy)
        + " ("
        + fix
        + ")";
  }
}
