package dev.poolform.runtime.engine;

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
 * Waits after a create, scale-up or replace until {@code count} machines of the spec are available
 * (Terraform's wait_for_capacity, done portably). Machines that FAILED are terminated so the group
 * launches others, within the failure budget; past {@code rollout.timeout} the pool fails.
 */
final class CapacityWaiter {
  private final StepContext ctx;
  private final CloudSession session;

  CapacityWaiter(StepContext ctx, CloudSession session) {
    this.ctx = ctx;
    this.session = session;
  }

  void await(GroupRef ref, String specHash, long count, Duration minReady, Duration timeout)
      throws ProviderException, StepFailure, StateException {
    Instant deadline = ctx.now().plus(timeout);
    int budget = ctx.options().failureBudget(count);
    int failures = 0;
    Set<String> gone = new HashSet<>();
    Set<String> known = new HashSet<>();
    while (true) {
      Instant now = ctx.now();
      List<ObservedMachine> ms =
          session.machines(ref).stream()
              .filter(m -> m.state() != MachineState.TERMINATING && !gone.contains(m.id()))
              .filter(m -> m.specHash().map(specHash::equals).orElse(true))
              .toList();
      for (ObservedMachine m : ms) {
        if (known.add(m.id()))
          ctx.emit(new ApplyEvent.MachineLaunched(now, ref.address(), m.id(), specHash));
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
          ctx.emit(new ApplyEvent.MachineRetired(now, ref.address(), id, "failed"));
      }
      long available = ms.stream().filter(m -> m.availableAt(now, minReady)).count();
      if (available >= count) return;
      if (now.isAfter(deadline)) {
        throw new StepFailure(
            "only "
                + available
                + " of "
                + count
                + " machines became available within rollout.timeout ("
                + Durations.text(timeout)
                + ")",
            "rollout.timeout");
      }
      ctx.pause(ctx.options().pollInterval());
    }
  }
}
