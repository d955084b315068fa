package dev.poolform.runtime.engine;

import dev.poolform.ir.IrCloud;
import dev.poolform.ir.IrPool;
import dev.poolform.ir.json.ValueJson;
import dev.poolform.runtime.event.ApplyEvent;
import dev.poolform.runtime.provider.CapacityRequest;
import dev.poolform.runtime.provider.CloudSession;
import dev.poolform.runtime.provider.GroupRef;
import dev.poolform.runtime.provider.GroupSpec;
import dev.poolform.runtime.provider.ObservedGroup;
import dev.poolform.runtime.provider.ProviderException;
import dev.poolform.runtime.spec.PoolSpecs;
import dev.poolform.runtime.state.ObservedState;
import dev.poolform.runtime.state.ResourceState;
import dev.poolform.runtime.state.State;
import dev.poolform.runtime.state.StateCloud;
import dev.poolform.runtime.state.StateException;
import dev.poolform.stdlib.value.MapValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

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

  /** Waits, unless told not to, until the pool's size is available on {@code hash}. */
  void awaitCapacity(CloudSession session, IrPool pool, GroupRef ref, String hash)
      throws ProviderException, StepFailure, StateException {
    if (!ctx.options().waitForCapacity()) return;
    long count = pool.capacity().desired().orElse(pool.capacity().min());
    if (count == 0) return;
    ctx.emit(
        new ApplyEvent.Message(
            ctx.now(),
            pool.address(),
            "waiting for " + Counted.machines(count) + " to be available"));
    new CapacityWaiter(ctx, session)
        .await(ref, hash, count, pool.rollout().minReady(), pool.rollout().timeout());
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
