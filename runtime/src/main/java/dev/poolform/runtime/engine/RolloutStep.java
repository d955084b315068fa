package dev.poolform.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poolform.ir.IrPool;
import dev.poolform.ir.IrRollout;
import dev.poolform.ir.json.ValueJson;
import dev.poolform.runtime.event.ApplyEvent;
import dev.poolform.runtime.provider.CapacityRequest;
import dev.poolform.runtime.provider.CloudSession;
import dev.poolform.runtime.provider.GroupRef;
import dev.poolform.runtime.provider.GroupSpec;
import dev.poolform.runtime.provider.ObservedGroup;
import dev.poolform.runtime.provider.ProviderException;
import dev.poolform.runtime.spec.PoolSpecs;
import dev.poolform.runtime.state.ResourceState;
import dev.poolform.runtime.state.RolloutProgress;
import dev.poolform.runtime.state.StateException;
import dev.poolform.stdlib.value.Literals;
import dev.poolform.stdlib.value.MapValue;
import dev.poolform.stdlib.value.Value;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A rollout of one pool: the cloud's own ({@code engine = "cloud"}, where the cloud has one) or
 * Poolform's {@link RolloutEngine}, and on failure, with {@code auto_rollback}, the same roll back
 * to the last applied spec.
 */
final class RolloutStep {
  private final ChangeContext cc;
  private final RebalancingHold hold;

  RolloutStep(ChangeContext cc) {
    this.cc = cc;
    this.hold = new RebalancingHold(cc);
  }

  /**
   * Rolls the pool's machines to {@code hash}. The progress record in state lets an interrupted
   * rollout resume (and keep its failure budget) instead of starting over.
   */
  String rollout(CloudSession session, IrPool pool, ResourceState st, GroupSpec spec, String hash)
      throws ProviderException, StepFailure, StateException {
    String address = pool.address();
    GroupRef ref = st.group();
    IrRollout r = pool.rollout();
    boolean cloudEngine = cloudEngine(session, pool);
    // A rebalancing suspended by an earlier apply stays recorded, whatever this rollout is.
    boolean suspended = st.rollout().map(RolloutProgress::rebalancingSuspended).orElse(false);
    RolloutProgress progress =
        st.rollout()
            .filter(p -> p.toHash().equals(hash) && !p.rollingBack())
            .orElse(
                new RolloutProgress(
                    st.specHash(),
                    hash,
                    cc.ctx.now(),
                    cloudEngine ? "cloud" : "poolform",
                    Optional.empty(),
                    0,
                    false,
                    suspended));
    cc.ctx
        .intents()
        .persister()
        .update(
            s ->
                s.withResource(
                    ChangeContext.current(s, address).withRollout(Optional.of(progress))));
    cc.ctx.intents().run("update-model", address, ref.name(), () -> session.updateModel(ref, spec));
    long desired =
        pool.capacity().external()
            ? liveDesired(session, ref)
            : pool.capacity().desired().getAsLong();
    CapacityRequest finalCap = ChangeContext.capacity(pool);
    if (cloudEngine) {
      hold.resume(session, ref); // left by an earlier rollout with Poolform's engine
      return new CloudRolloutRunner(cc.ctx, session, session.cloudRollouts().get())
          .run(ref, r, pool.capacity(), desired, finalCap, progress);
    }
    hold.suspend(session, ref);
    String done;
    try {
      done = roll(session, pool, st, hash, desired, finalCap, progress);
    } catch (StepFailure | ProviderException | StateException | RuntimeException e) {
      try {
        hold.resume(session, ref);
      } catch (ProviderException | StateException again) {
        e.addSuppressed(again); // still recorded in state: the next apply resumes it
      }
      throw e;
    }
    hold.resume(session, ref);
    return done;
  }

  /** Poolform's engine, and with {@code auto_rollback} the roll back when it fails. */
  private String roll(
      CloudSession session,
      IrPool pool,
      ResourceState st,
      String hash,
      long desired,
      CapacityRequest finalCap,
      RolloutProgress progress)
      throws ProviderException, StepFailure, StateException {
    GroupRef ref = st.group();
    IrRollout r = pool.rollout();
    try {
      return new RolloutEngine(cc.ctx, session)
          .roll(
              ref,
              r,
              hash,
              desired,
              finalCap,
              progress.failedLaunches(),
              n -> persistFailures(pool.address(), n),
              appliedMinReady(st, r));
    } catch (StepFailure | ProviderException e) {
      // An interrupted apply stops; the rollout resumes next time, never rolls back.
      if (!r.autoRollback() || e instanceof StepInterrupted) throw e;
      return rollback(session, pool, st, ref, desired, finalCap, e);
    }
  }

  /**
   * Whether the cloud runs the rollout: {@code engine = "cloud"} and a cloud that has rollouts of
   * its own; otherwise Poolform's engine, which works everywhere, and the user is told.
   */
  private boolean cloudEngine(CloudSession session, IrPool pool) {
    IrRollout r = pool.rollout();
    boolean cloudEngine =
        r.engine() == IrRollout.Engine.CLOUD && session.cloudRollouts().isPresent();
    if (r.engine() == IrRollout.Engine.CLOUD && !cloudEngine) {
      cc.ctx.emit(
          new ApplyEvent.Message(
              cc.ctx.now(),
              pool.address(),
              "cloud "
                  + Sessions.key(pool.cloud())
                  + " has no rollout of its own; Poolform's rolling engine is used"));
    }
    return cloudEngine;
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
    cc.ctx.emit(
        new ApplyEvent.Message(
            cc.ctx.now(), address, "rollout failed (" + cause.getMessage() + "); rolling back"));
    boolean suspended =
        cc.current(address).rollout().map(RolloutProgress::rebalancingSuspended).orElse(false);
    RolloutProgress back =
        new RolloutProgress(
            PoolSpecs.machineHash(pool),
            oldHash,
            cc.ctx.now(),
            "poolform",
            Optional.empty(),
            0,
            true,
            suspended);
    cc.ctx
        .intents()
        .persister()
        .update(
            s -> s.withResource(ChangeContext.current(s, address).withRollout(Optional.of(back))));
    GroupSpec oldSpec = cc.groupSpec(old.get(), oldHash);
    cc.ctx
        .intents()
        .run("update-model", address, ref.name(), () -> session.updateModel(ref, oldSpec));
    // The machines rolled back were launched under the configured min_ready.
    new RolloutEngine(cc.ctx, session)
        .roll(
            ref, pool.rollout(), oldHash, desired, finalCap, 0, n -> {}, pool.rollout().minReady());
    hold.resume(session, ref);
    cc.ctx
        .intents()
        .persister()
        .update(
            s -> s.withResource(ChangeContext.current(s, address).withRollout(Optional.empty())));
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
    IrPool old = ChangeContext.copy(pool, pool.name(), mv);
    return PoolSpecs.machineHash(old).equals(st.specHash()) ? Optional.of(old) : Optional.empty();
  }

  /**
   * The {@code min_ready} the running machines were launched under: the last applied spec's, or the
   * configured one when state does not say.
   */
  static Duration appliedMinReady(ResourceState st, IrRollout configured) {
    JsonNode v = st.spec().path("rollout").path("min_ready");
    if (!v.isTextual()) return configured.minReady();
    try {
      return Duration.ofMillis(Literals.parseDuration(v.asText()));
    } catch (Literals.LiteralFormatException e) {
      return configured.minReady();
    }
  }

  private void persistFailures(String address, int n) throws StateException {
    cc.ctx
        .intents()
        .persister()
        .update(
            s -> {
              ResourceState r = ChangeContext.current(s, address);
              return s.withResource(r.withRollout(r.rollout().map(p -> p.withFailedLaunches(n))));
            });
  }

  private long liveDesired(CloudSession session, GroupRef ref) throws ProviderException {
    ObservedGroup g = session.read(List.of(ref)).get(ref.address());
    if (g == null)
      throw new ProviderException(
          ProviderException.Kind.NOT_FOUND, "group " + ref.name() + " not found");
    return g.desired();
  }
}
