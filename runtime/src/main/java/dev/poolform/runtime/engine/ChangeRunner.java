package dev.poolform.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poolform.ir.IrCloud;
import dev.poolform.ir.IrPool;
import dev.poolform.ir.IrRollout;
import dev.poolform.ir.json.ValueJson;
import dev.poolform.runtime.event.ApplyEvent;
import dev.poolform.runtime.plan.Action;
import dev.poolform.runtime.plan.AttributeDiff;
import dev.poolform.runtime.plan.PoolChange;
import dev.poolform.runtime.plan.StrayGroup;
import dev.poolform.runtime.provider.CapacityRequest;
import dev.poolform.runtime.provider.CloudSession;
import dev.poolform.runtime.provider.GroupRef;
import dev.poolform.runtime.provider.GroupSpec;
import dev.poolform.runtime.provider.ObservedGroup;
import dev.poolform.runtime.provider.ObservedMachine;
import dev.poolform.runtime.provider.ProviderException;
import dev.poolform.runtime.spec.PoolSpecs;
import dev.poolform.runtime.state.ObservedState;
import dev.poolform.runtime.state.ResourceState;
import dev.poolform.runtime.state.RolloutProgress;
import dev.poolform.runtime.state.StateCloud;
import dev.poolform.runtime.state.StateException;
import dev.poolform.stdlib.value.MapValue;
import dev.poolform.stdlib.value.Value;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** Carries out one pool's change: every step its diffs call for, with state written after each. */
final class ChangeRunner {
  private final Sessions sessions;
  private final StepContext ctx;
  private final Map<String, IrCloud> clouds;
  private final Map<String, String> createTokens;

  ChangeRunner(
      Sessions sessions,
      StepContext ctx,
      Map<String, IrCloud> clouds,
      Map<String, String> createTokens) {
    this.sessions = sessions;
    this.ctx = ctx;
    this.clouds = clouds;
    this.createTokens = createTokens;
  }

  /** Runs the change; returns a sentence for the summary. */
  String run(PoolChange c, IrPool pool) throws ProviderException, StepFailure, StateException {
    String cleaned = deleteStrays(c);
    if (c.action() == Action.DELETE && c.group().isEmpty()) return cleaned;
    String done = act(c, pool);
    return cleaned.isEmpty() ? done : cleaned + "; " + done;
  }

  private String act(PoolChange c, IrPool pool)
      throws ProviderException, StepFailure, StateException {
    switch (c.action()) {
      case CREATE:
        return create(c, pool);
      case DELETE:
        return delete(c);
      case REPLACE:
        return replace(c, pool);
      default:
        return converge(c, pool);
    }
  }

  private String create(PoolChange c, IrPool pool)
      throws ProviderException, StepFailure, StateException {
    CloudSession session = sessions.open(pool.cloud());
    String hash = PoolSpecs.machineHash(pool);
    GroupSpec spec = groupSpec(pool, hash);
    CapacityRequest cap = capacity(pool);
    GroupRef ref =
        ctx.intents()
            .call(
                "create",
                pool.address(),
                pool.name(),
                createTokens.get(pool.address()),
                t -> session.create(spec, cap, t),
                (s, r) -> s.withResource(resource(pool, r, hash)));
    awaitCapacity(session, pool, ref(pool.address(), ref), hash);
    observe(session, pool.address());
    return "created group " + ref.name();
  }

  private String converge(PoolChange c, IrPool pool)
      throws ProviderException, StepFailure, StateException {
    CloudSession session = sessions.open(pool.cloud());
    String address = pool.address();
    String hash = PoolSpecs.machineHash(pool);
    if (c.adopt().isPresent()) {
      GroupRef r = ref(address, c.adopt().get());
      JsonNode before = c.before();
      ctx.intents()
          .persister()
          .update(
              s ->
                  s.withResource(
                      resource(pool, r, hash)
                          .withSpec(before, c.action() == Action.ROLLOUT ? "" : hash)));
    }
    ResourceState st = current(address);
    GroupRef ref = st.group();
    GroupSpec spec = groupSpec(pool, hash);
    StringBuilder detail = new StringBuilder();

    if (touches(c, "labels")) {
      ctx.intents()
          .run("update-metadata", address, ref.name(), () -> session.updateMetadata(ref, spec));
      detail.append("labels updated; ");
    }
    if (c.action() == Action.ROLLOUT) {
      detail.append(rollout(session, pool, st, spec, hash));
    } else {
      if (touches(c, "capacity")) {
        CapacityRequest cap = capacity(pool);
        ctx.intents().run("set-capacity", address, ref.name(), () -> session.setCapacity(ref, cap));
        detail.append("capacity set to ").append(describe(cap)).append("; ");
        awaitCapacity(session, pool, ref, hash);
      }
      if (!c.repairTargets().isEmpty())
        detail.append(repair(session, pool, ref, c.repairTargets()));
    }
    ctx.intents()
        .persister()
        .update(
            s ->
                s.withResource(
                    current(s, address)
                        .withSpec(PoolSpecs.specOf(pool), hash)
                        .withRollout(Optional.empty())));
    observe(session, address);
    String d = detail.toString().replaceAll("; $", "");
    return d.isEmpty()
        ? (c.adopt().isPresent() ? "adopted group " + ref.name() : "state updated")
        : d;
  }

  private String rollout(
      CloudSession session, IrPool pool, ResourceState st, GroupSpec spec, String hash)
      throws ProviderException, StepFailure, StateException {
    String address = pool.address();
    GroupRef ref = st.group();
    IrRollout r = pool.rollout();
    boolean cloudEngine =
        r.engine() == IrRollout.Engine.CLOUD && session.cloudRollouts().isPresent();
    if (r.engine() == IrRollout.Engine.CLOUD && !cloudEngine) {
      ctx.emit(
          new ApplyEvent.Message(
              ctx.now(),
              address,
              "cloud "
                  + Sessions.key(pool.cloud())
                  + " has no rollout of its own; Poolform's rolling engine is used"));
    }
    RolloutProgress progress =
        st.rollout()
            .filter(p -> p.toHash().equals(hash) && !p.rollingBack())
            .orElse(
                new RolloutProgress(
                    st.specHash(),
                    hash,
                    ctx.now(),
                    cloudEngine ? "cloud" : "poolform",
                    Optional.empty(),
                    0,
                    false));
    ctx.intents()
        .persister()
        .update(s -> s.withResource(current(s, address).withRollout(Optional.of(progress))));
    ctx.intents().run("update-model", address, ref.name(), () -> session.updateModel(ref, spec));
    long desired =
        pool.capacity().external()
            ? liveDesired(session, ref)
            : pool.capacity().desired().getAsLong();
    CapacityRequest finalCap = capacity(pool);
    if (cloudEngine) {
      return new CloudRolloutRunner(ctx, session, session.cloudRollouts().get())
          .run(ref, r, pool.capacity(), desired, finalCap, progress);
    }
    RolloutEngine engine = new RolloutEngine(ctx, session);
    try {
      return engine.roll(
          ref,
          r,
          hash,
          desired,
          finalCap,
          progress.failedLaunches(),
          n -> persistFailures(address, n));
    } catch (StepFailure | ProviderException e) {
      if (!r.autoRollback()) throw e;
      return rollback(session, pool, st, ref, desired, finalCap, e);
    }
  }

  /**
   * Points the model back at the last applied spec and rolls back the same way; always ends failed.
   */
  private String rollback(
      CloudSession session,
      IrPool pool,
      ResourceState st,
      GroupRef ref,
      long desired,
      CapacityRequest finalCap,
      Exception cause)
      throws ProviderException, StepFailure, StateException {
    String address = pool.address();
    Optional<IrPool> old = previous(pool, st);
    if (old.isEmpty()) {
      throw new StepFailure(
          cause.getMessage()
              + "; automatic rollback is impossible: the previous machine spec holds a"
              + " sensitive value that state keeps only as a hash",
          "rollout.auto_rollback");
    }
    String oldHash = st.specHash();
    ctx.emit(
        new ApplyEvent.Message(
            ctx.now(), address, "rollout failed (" + cause.getMessage() + "); rolling back"));
    RolloutProgress back =
        new RolloutProgress(
            PoolSpecs.machineHash(pool), oldHash, ctx.now(), "poolform", Optional.empty(), 0, true);
    ctx.intents()
        .persister()
        .update(s -> s.withResource(current(s, address).withRollout(Optional.of(back))));
    GroupSpec oldSpec = groupSpec(old.get(), oldHash);
    ctx.intents().run("update-model", address, ref.name(), () -> session.updateModel(ref, oldSpec));
    new RolloutEngine(ctx, session)
        .roll(ref, pool.rollout(), oldHash, desired, finalCap, 0, n -> {});
    ctx.intents()
        .persister()
        .update(s -> s.withResource(current(s, address).withRollout(Optional.empty())));
    throw new StepFailure(
        cause.getMessage() + "; rolled back to the previous machine spec",
        cause instanceof StepFailure f
            ? f.attribute().orElse(null)
            : ((ProviderException) cause).attribute().orElse(null));
  }

  /** The pool with the last applied machine spec, if it can be rebuilt exactly (hash matches). */
  static Optional<IrPool> previous(IrPool pool, ResourceState st) {
    Optional<Value> m = ValueJson.fromJson(st.spec().path("machine"), Optional.of(pool.machine()));
    if (m.isEmpty() || !(m.get() instanceof MapValue mv)) return Optional.empty();
    IrPool old =
        new IrPool(
            pool.address(),
            pool.name(),
            pool.cloud(),
            pool.capacity(),
            mv,
            pool.rollout(),
            pool.health(),
            pool.labels(),
            pool.after(),
            pool.capi(),
            pool.origin());
    return PoolSpecs.machineHash(old).equals(st.specHash()) ? Optional.of(old) : Optional.empty();
  }

  private String repair(CloudSession session, IrPool pool, GroupRef ref, List<String> targets)
      throws ProviderException, StateException {
    List<ObservedMachine> ms = session.machines(ref);
    Set<String> still = new HashSet<>();
    for (ObservedMachine m : HealthCheck.unhealthy(ms, pool.health(), ctx.now())) still.add(m.id());
    List<String> ids = targets.stream().filter(still::contains).toList();
    if (ids.isEmpty()) return "nothing to repair any more";
    ctx.intents()
        .run("terminate", pool.address(), ref.name(), () -> session.terminate(ref, ids, false));
    for (String id : ids)
      ctx.emit(new ApplyEvent.MachineRetired(ctx.now(), pool.address(), id, "repair"));
    return "replaced " + ids.size() + " unhealthy machine(s)";
  }

  private String replace(PoolChange c, IrPool pool)
      throws ProviderException, StepFailure, StateException {
    String address = pool.address();
    ResourceState old = current(address);
    String key = Sessions.key(pool.cloud());
    boolean sameCloud = old.cloud().key().equals(key);
    String hash = PoolSpecs.machineHash(pool);
    String token = java.util.UUID.randomUUID().toString();
    // Two groups of one name cannot coexist on a cloud: alternate between NAME and NAME-rXXXX.
    String name =
        sameCloud && old.group().name().equals(pool.name())
            ? pool.name() + "-r" + token.substring(0, 4)
            : pool.name();
    IrPool renamed =
        new IrPool(
            address,
            name,
            pool.cloud(),
            pool.capacity(),
            pool.machine(),
            pool.rollout(),
            pool.health(),
            pool.labels(),
            pool.after(),
            pool.capi(),
            pool.origin());
    CloudSession session = sessions.open(pool.cloud());
    GroupSpec spec = groupSpec(renamed, hash);
    CapacityRequest cap = capacity(pool);
    String oldAddress = address + "#old";
    // One write: the new group becomes the pool, the old one waits under ADDRESS#old for deletion,
    // so a crash from here on leaves a state entry the next plan deletes.
    GroupRef ref;
    if (c.adopt().isPresent()) {
      GroupRef adopted = ref(address, c.adopt().get());
      ctx.intents()
          .persister()
          .update(
              s ->
                  s.withResource(old.withAddress(oldAddress))
                      .withResource(resource(pool, adopted, hash)));
      ref = adopted;
      // It was created from the configuration of the killed apply, which may have differed in
      // capacity or labels from this one (the machine spec matched, or it would not be adopted).
      ctx.intents()
          .run("set-capacity", address, ref.name(), () -> session.setCapacity(adopted, cap));
      ctx.intents()
          .run("update-metadata", address, ref.name(), () -> session.updateMetadata(adopted, spec));
    } else {
      ref =
          ctx.intents()
              .call(
                  "create",
                  address,
                  name,
                  token,
                  t -> session.create(spec, cap, t),
                  (s, r) ->
                      s.withResource(old.withAddress(oldAddress))
                          .withResource(resource(pool, r, hash)));
    }
    awaitCapacity(session, pool, ref(address, ref), hash);
    ResourceState moved = current(oldAddress);
    CloudSession oldSession = sessions.open(cloudOf(moved.cloud()));
    ctx.intents()
        .call(
            "delete",
            oldAddress,
            moved.group().name(),
            null,
            t -> {
              deleteIgnoringMissing(oldSession, moved.group());
              return Boolean.TRUE;
            },
            (s, r) -> s.withoutResource(oldAddress));
    observe(session, address);
    return "replaced group " + old.group().name() + " with " + ref.name();
  }

  /**
   * Deletes the groups an interrupted apply created and never recorded, first, so the change's own
   * work starts from a cloud that holds only what state knows (and the adopted group, if any).
   */
  private String deleteStrays(PoolChange c) throws ProviderException, StateException {
    for (StrayGroup stray : c.strays()) {
      IrCloud cloud = clouds.get(stray.cloud());
      if (cloud == null) {
        throw new ProviderException(
            ProviderException.Kind.CONFIGURATION,
            "cloud " + stray.cloud() + " of stray group " + stray.group().name() + " is unknown");
      }
      CloudSession session = sessions.open(cloud);
      ctx.intents()
          .call(
              "delete",
              c.address(),
              stray.group().name(),
              null,
              t -> {
                deleteIgnoringMissing(session, stray.group());
                return Boolean.TRUE;
              },
              (s, r) -> s);
    }
    return switch (c.strays().size()) {
      case 0 -> "";
      case 1 -> "deleted stray group " + c.strays().get(0).group().name();
      default -> "deleted " + c.strays().size() + " stray groups";
    };
  }

  private String delete(PoolChange c) throws ProviderException, StateException {
    String address = c.address();
    Optional<ResourceState> st = ctx.intents().persister().current().resource(address);
    GroupRef ref = st.map(ResourceState::group).or(c::group).orElseThrow();
    IrCloud cloud = st.map(r -> cloudOf(r.cloud())).orElseGet(() -> clouds.get(c.cloud()));
    if (cloud == null)
      throw new ProviderException(
          ProviderException.Kind.CONFIGURATION, "cloud " + c.cloud() + " is unknown");
    CloudSession session = sessions.open(cloud);
    boolean[] existed = {true};
    ctx.intents()
        .call(
            "delete",
            address,
            ref.name(),
            null,
            t -> {
              existed[0] = deleteIgnoringMissing(session, ref);
              return Boolean.TRUE;
            },
            (s, r) -> s.withoutResource(address));
    return existed[0]
        ? "deleted group " + ref.name()
        : "group " + ref.name() + " was already gone; removed from state";
  }

  private static boolean deleteIgnoringMissing(CloudSession session, GroupRef ref)
      throws ProviderException {
    try {
      session.delete(ref);
      return true;
    } catch (ProviderException e) {
      if (e.kind() == ProviderException.Kind.NOT_FOUND) return false;
      throw e;
    }
  }

  private void awaitCapacity(CloudSession session, IrPool pool, GroupRef ref, String hash)
      throws ProviderException, StepFailure, StateException {
    if (!ctx.options().waitForCapacity()) return;
    long count = pool.capacity().desired().orElse(pool.capacity().min());
    if (count == 0) return;
    ctx.emit(
        new ApplyEvent.Message(
            ctx.now(), pool.address(), "waiting for " + count + " machine(s) to be available"));
    new CapacityWaiter(ctx, session)
        .await(ref, hash, count, pool.rollout().minReady(), pool.rollout().timeout());
  }

  private void persistFailures(String address, int n) throws StateException {
    ctx.intents()
        .persister()
        .update(
            s -> {
              ResourceState r = current(s, address);
              return s.withResource(r.withRollout(r.rollout().map(p -> p.withFailedLaunches(n))));
            });
  }

  /** Records what the cloud reports now, for {@code pool show}. */
  private void observe(CloudSession session, String address)
      throws ProviderException, StateException {
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

  private long liveDesired(CloudSession session, GroupRef ref) throws ProviderException {
    ObservedGroup g = session.read(List.of(ref)).get(ref.address());
    if (g == null)
      throw new ProviderException(
          ProviderException.Kind.NOT_FOUND, "group " + ref.name() + " not found");
    return g.desired();
  }

  private IrCloud cloudOf(StateCloud c) {
    IrCloud configured = clouds.get(c.key());
    return configured != null ? configured : Sessions.fromState(c);
  }

  private ResourceState current(String address) throws StateException {
    return current(ctx.intents().persister().current(), address);
  }

  private static ResourceState current(dev.poolform.runtime.state.State s, String address) {
    return s.resource(address)
        .orElseThrow(
            () -> new IllegalStateException(address + " vanished from state during apply"));
  }

  private ResourceState resource(IrPool pool, GroupRef r, String hash) {
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

  private GroupSpec groupSpec(IrPool pool, String hash) {
    return new GroupSpec(pool, hash, PoolSpecs.tags(pool, sessions.lineage(), hash));
  }

  static CapacityRequest capacity(IrPool pool) {
    return new CapacityRequest(
        pool.capacity().min(),
        pool.capacity().max(),
        pool.capacity().external() ? OptionalLong.empty() : pool.capacity().desired());
  }

  private static String describe(CapacityRequest c) {
    return "min "
        + c.min()
        + ", max "
        + c.max()
        + (c.desired().isPresent() ? ", desired " + c.desired().getAsLong() : "");
  }

  private static GroupRef ref(String address, GroupRef r) {
    return new GroupRef(address, r.name(), r.cloudId());
  }

  private static boolean touches(PoolChange c, String prefix) {
    for (AttributeDiff d : c.diffs()) {
      if (d.path().equals(prefix) || d.path().startsWith(prefix + ".")) return true;
    }
    return false;
  }
}
