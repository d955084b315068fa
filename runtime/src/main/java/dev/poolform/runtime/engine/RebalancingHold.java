package dev.poolform.runtime.engine;

import dev.poolform.runtime.provider.CloudSession;
import dev.poolform.runtime.provider.GroupRef;
import dev.poolform.runtime.provider.ProviderException;
import dev.poolform.runtime.state.ResourceState;
import dev.poolform.runtime.state.RolloutProgress;
import dev.poolform.runtime.state.StateException;
import java.util.Optional;

/**
 * Keeps the cloud from rebalancing a group while Poolform's engine replaces its machines ({@link
 * CloudSession#suspendRebalancing}). That the rebalancing is suspended is written into the pool's
 * rollout record in state before the suspending call and cleared after the resuming one, so an
 * apply killed in between leaves the record, and the apply that ends the rollout (the next plan
 * always finishes a recorded rollout) resumes it.
 */
final class RebalancingHold {
  private final ChangeContext cc;

  RebalancingHold(ChangeContext cc) {
    this.cc = cc;
  }

  /** Suspends the group's rebalancing, unless state says an earlier apply already did. */
  void suspend(CloudSession session, GroupRef ref) throws ProviderException, StateException {
    String address = ref.address();
    Optional<RolloutProgress> p = cc.current(address).rollout();
    if (p.isEmpty() || p.get().rebalancingSuspended()) return;
    record(address, true);
    boolean suspended =
        cc.ctx
            .intents()
            .call(
                "suspend-rebalancing",
                address,
                ref.name(),
                null,
                t -> session.suspendRebalancing(ref),
                (s, r) -> s);
    // Nothing to undo: the cloud does not rebalance this group, or someone else suspended it.
    if (!suspended) record(address, false);
  }

  /** Resumes the group's rebalancing if state says it is suspended. */
  void resume(CloudSession session, GroupRef ref) throws ProviderException, StateException {
    String address = ref.address();
    Optional<RolloutProgress> p = cc.current(address).rollout();
    if (p.isEmpty() || !p.get().rebalancingSuspended()) return;
    cc.ctx
        .intents()
        .run("resume-rebalancing", address, ref.name(), () -> session.resumeRebalancing(ref));
    record(address, false);
  }

  private void record(String address, boolean suspended) throws StateException {
    cc.ctx
        .intents()
        .persister()
        .update(
            s -> {
              ResourceState r = ChangeContext.current(s, address);
              return s.withResource(
                  r.withRollout(r.rollout().map(x -> x.withRebalancingSuspended(suspended))));
            });
  }
}
