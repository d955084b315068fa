package dev.poolform.runtime.engine;

import dev.poolform.ir.IrPool;
import dev.poolform.runtime.event.ApplyEvent;
import dev.poolform.runtime.provider.CloudSession;
import dev.poolform.runtime.provider.GroupRef;
import dev.poolform.runtime.provider.ObservedMachine;
import dev.poolform.runtime.provider.ProviderException;
import dev.poolform.runtime.state.StateException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Health repair: replaces the unhealthy machines the plan named (those still unhealthy), at most
 * {@code max_unhealthy} at once; each batch waits until its replacements are available before the
 * next starts, so a repair never takes more machines out of service than the health block allows.
 * The pool owes the repair in state from the first termination until its end.
 */
final class RepairStep {
  private final ChangeContext cc;

  RepairStep(ChangeContext cc) {
    this.cc = cc;
  }

  /** Returns a sentence for the summary. */
  String repair(CloudSession session, IrPool pool, GroupRef ref, List<String> targets)
      throws ProviderException, StepFailure, StateException {
    String address = pool.address();
    String hash = dev.poolform.runtime.spec.PoolSpecs.machineHash(pool);
    Set<String> done = new HashSet<>();
    while (true) {
      List<ObservedMachine> ms = session.machines(ref);
      Set<String> still = new HashSet<>();
      for (ObservedMachine m : HealthCheck.unhealthy(ms, pool.health(), cc.ctx.now()))
        still.add(m.id());
      List<String> left =
          targets.stream().filter(id -> still.contains(id) && !done.contains(id)).toList();
      if (left.isEmpty()) break;
      long limit = Math.max(1, HealthCheck.limit(ms, pool.health()));
      List<String> batch = left.subList(0, (int) Math.min(limit, left.size()));
      Set<String> known = new HashSet<>();
      for (ObservedMachine m : ms) known.add(m.id());
      cc.ctx
          .intents()
          .run(
              "terminate",
              address,
              ref.name(),
              cc.owe(address, "repair"),
              () -> session.terminate(ref, batch, false));
      for (String id : batch)
        cc.ctx.emit(new ApplyEvent.MachineRetired(cc.ctx.now(), address, id, "repair", false));
      done.addAll(batch);
      if (done.size() < targets.size()) {
        // The next batch waits for this one's replacements, not for the pool's whole spec:
        // machines of later batches are still unhealthy.
        long availableNow =
            CapacityWaiter.available(ms, hash, cc.ctx.now(), pool.rollout().minReady());
        long want = Math.min(ChangeContext.required(pool), availableNow + batch.size());
        cc.awaitCapacity(session, pool, ref, hash, known, want);
      }
    }
    return done.isEmpty()
        ? "nothing to repair any more"
        : "replaced " + Counted.machines(done.size(), "unhealthy");
  }
}
