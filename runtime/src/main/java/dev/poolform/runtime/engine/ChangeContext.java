package dev.poolform.runtime.engine;

import dev.poolform.ir.IrCloud;
import dev.poolform.ir.IrPool;
import dev.poolform.ir.json.ValueJson;
import dev.poolform.runtime.provider.CapacityRequest;
import dev.poolform.runtime.provider.CloudSession;
import dev.poolform.runtime.provider.GroupRef;
import dev.poolform.runtime.provider.GroupSpec;
import dev.poolform.runtime.provider.ObservedGroup;
import dev.poolform.runtime.provider.ProviderException;
import dev.poolform.runtime.spec.PoolSpecs;
import dev.poolform.runtime.state.ObservedState;
import dev.poolform.runtime.state.OwedWork;
import dev.poolform.runtime.state.ResourceState;
import dev.poolform.runtime.state.State;
import dev.poolform.runtime.state.StateCloud;
import dev.poolform.runtime.state.StateException;
import dev.poolform.stdlib.value.MapValue;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * What every step of a pool's change uses: sessions to the clouds, the state entry as the last
 * write left it (never the plan's copy: an earlier step may have changed it), and the shapes a pool
 * takes on the way to a cloud (group spec, capacity request) and back into state.
 */
final class ChangeContext {
  final Sessions sessions;
  final StepContext ctx;
  private final Map<String, IrCloud> clouds;

  ChangeContext(Sessions sessions, StepContext ctx, Map<String, IrCloud> clouds) {
    this.sessions = sessions;
    this.ctx = ctx;
    this.clouds = clouds;
  }

  /** A configured cloud by key, or null. */
  IrCloud cloud(String key) {
    return clouds.get(key);
  }

  /** The configured cloud of a state entry, else the copy state keeps. */
  IrCloud cloudOf(StateCloud c) {
    IrCloud configured = clouds.get(c.key());
    return configured != null ? configured : Sessions.fromState(c);
  }

  ResourceState current(String address) throws StateException {
    return current(ctx.intents().persister().current(), address);
  }

  static ResourceState current(State s, String address) {
    return s.resource(address)
        .orElseThrow(
            () -> new IllegalStateException(address + " vanished from state during apply"));
  }

  /** The state entry of a pool on group {@code r}, its spec applied, nothing observed yet. */
  ResourceState resource(IrPool pool, GroupRef r, String hash) {
    StateCloud cloud =
        new StateCloud(
            pool.cloud().kind(), pool.cloud().name(), ValueJson.toJson(pool.cloud().settings()));
    return new ResourceState(
        pool.address(),
        cloud,
        ref(pool.address(), r),
        PoolSpecs.specOf(pool),
        hash,
        ObservedState.UNKNOWN,
        Optional.empty());
  }

  GroupSpec groupSpec(IrPool pool, String hash) {
    return new GroupSpec(pool, hash, PoolSpecs.tags(pool, sessions.lineage(), hash));
  }

  static CapacityRequest capacity(IrPool pool) {
    return new CapacityRequest(
        pool.capacity().min(),
        pool.capacity().max(),
        pool.capacity().external() ? OptionalLong.empty() : pool.capacity().desired());
  }

  /** The pool with another group name or machine spec: what a replace or a rollback applies. */
  static IrPool copy(IrPool pool, String name, MapValue machine) {
    return new IrPool(
        pool.address(),
        name,
        pool.cloud(),
        pool.capacity(),
        machine,
        pool.rollout(),
        pool.health(),
        pool.labels(),
        pool.after(),
        pool.capi(),
        pool.origin());
  }

  /** The group as known under {@code address} (a provider's ref may carry another). */
  static GroupRef ref(String address, GroupRef r) {
    return new GroupRef(address, r.name(), r.cloudId());
  }

  /**
   * A state change that marks the pool as owing the work of {@code step}, unless it already owes
   * some (an earlier step's debt stays as it was recorded: that is what the user is told about).
   * Callers write it with the intent of the cloud call that starts the work, so a process killed
   * during the call leaves it on disk.
   */
  UnaryOperator<State> owe(String address, String step) {
    Instant now = ctx.now();
    return s ->
        s.resource(address)
            .filter(r -> r.owed().isEmpty())
            .map(r -> s.withResource(r.withOwed(Optional.of(OwedWork.started(step, now)))))
            .orElse(s);
  }

  /**
   * Waits until the pool is at its spec: as many machines on {@code hash} as it requires, healthy
   * for {@code min_ready} ({@link #required}). Every step but a delete ends here, so a pool is only
   * reported done, and the pools {@code after} it only start, once that is true. Failed machines
   * are replaced within the failure budget; past {@code rollout.timeout} the step fails and its
   * owed work stays in state.
   *
   * @param known machines that were there before the step (not reported as launched by it); null
   *     for whatever the first poll shows
   */
  void awaitCapacity(
      CloudSession session, IrPool pool, GroupRef ref, String hash, Set<String> known)
      throws ProviderException, StepFailure, StateException {
    awaitCapacity(session, pool, ref, hash, known, required(pool));
  }

  /** {@link #awaitCapacity} for {@code count} machines rather than the pool's whole spec. */
  void awaitCapacity(
      CloudSession session, IrPool pool, GroupRef ref, String hash, Set<String> known, long count)
      throws ProviderException, StepFailure, StateException {
    if (!ctx.options().waitForCapacity() || count == 0) return;
    new CapacityWaiter(ctx, session)
        .await(
            new CapacityWaiter.Target(
                ref,
                hash,
                count,
                pool.rollout().minReady(),
                pool.rollout().timeout(),
                pool.health(),
                known));
  }

  /**
   * How many available machines the pool's spec requires: {@code desired}, or under {@code desired
   * = external} the {@code min} an autoscaler may not go below.
   */
  static long required(IrPool pool) {
    return pool.capacity().desired().orElse(pool.capacity().min());
  }

  /**
   * Records why the pool's step stopped as work it still owes: the debt an earlier part of the step
   * recorded, else a new one for {@code step} (a step that launched nothing can still leave the
   * pool below its spec). A pool without a state entry owes nothing (its group was never made); a
   * state that cannot be written is left alone (the step's own failure is the one to report).
   */
  void recordFailure(String address, String step, Instant since, String why) {
    try {
      ctx.intents()
          .persister()
          .update(
              s ->
                  s.resource(address)
                      .map(
                          r ->
                              s.withResource(
                                  r.withOwed(
                                      Optional.of(
                                          r.owed()
                                              .orElse(OwedWork.started(step, since))
                                              .failed(why)))))
                      .orElse(s));
    } catch (StateException e) {
      // The step's failure is reported; the owed work itself is already on disk.
    }
  }

  /** Records what the cloud reports now, for {@code pool show}. */
  void observe(CloudSession session, String address) throws ProviderException, StateException {
    Optional<ResourceState> st = ctx.intents().persister().current().resource(address);
    if (st.isEmpty()) return;
    ObservedGroup g = session.read(List.of(st.get().group())).get(address);
    if (g == null) return;
    ObservedState o =
        new ObservedState(g.min(), g.max(), g.desired(), g.specHash(), g.instanceCount());
    ctx.intents()
        .persister()
        .update(s -> s.resource(address).map(r -> s.withResource(r.withObserved(o))).orElse(s));
  }

  /** Deletes a group; one already gone is no error. Returns whether it existed. */
  static boolean deleteIgnoringMissing(CloudSession session, GroupRef ref)
      throws ProviderException {
    try {
      session.delete(ref);
      return true;
    } catch (ProviderException e) {
      if (e.kind() == ProviderException.Kind.NOT_FOUND) return false;
      throw e;
    }
  }
}
