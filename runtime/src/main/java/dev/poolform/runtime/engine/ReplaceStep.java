package dev.poolform.runtime.engine;

import dev.poolform.ir.IrPool;
import dev.poolform.runtime.plan.PoolChange;
import dev.poolform.runtime.provider.CapacityRequest;
import dev.poolform.runtime.provider.CloudSession;
import dev.poolform.runtime.provider.GroupRef;
import dev.poolform.runtime.provider.GroupSpec;
import dev.poolform.runtime.provider.ProviderException;
import dev.poolform.runtime.spec.PoolSpecs;
import dev.poolform.runtime.state.ResourceState;
import dev.poolform.runtime.state.StateException;
import java.util.Optional;
import java.util.Set;

/**
 * Replaces a pool's group: create (or adopt) the new one, wait for its capacity, then delete the
 * old one, on the same cloud or across clouds. State always names a group to delete, so a crash at
 * any point leaves nothing untracked.
 */
final class ReplaceStep {
  private final ChangeContext cc;

  ReplaceStep(ChangeContext cc) {
    this.cc = cc;
  }

  String replace(PoolChange c, IrPool pool) throws ProviderException, StepFailure, StateException {
    String address = pool.address();
    ResourceState old = cc.current(address);
    String key = Sessions.key(pool.cloud());
    boolean sameCloud = old.cloud().key().equals(key);
    String hash = PoolSpecs.machineHash(pool);
    String token = java.util.UUID.randomUUID().toString();
    // Two groups of one name cannot coexist on a cloud: alternate between NAME and NAME-rXXXX,
    // and never take a name state gives another group on the new cloud (GroupNames).
    String name =
        sameCloud && old.group().name().equals(pool.name())
            ? GroupNames.suffixed(pool.name(), token)
            : GroupNames.forCreate(cc.ctx.intents().persister().current(), pool, token);
    IrPool renamed = ChangeContext.copy(pool, name, pool.machine());
    CloudSession session = cc.sessions.open(pool.cloud());
    GroupSpec spec = cc.groupSpec(renamed, hash);
    CapacityRequest cap = ChangeContext.capacity(pool);
    GroupRef ref =
        c.adopt().isPresent()
            ? adopt(c, pool, old, session, spec, cap, hash)
            : create(pool, old, session, spec, cap, hash, name, token);
    cc.awaitCapacity(session, pool, ChangeContext.ref(address, ref), hash, Set.of());
    cc.ctx
        .intents()
        .persister()
        .update(s -> s.withResource(ChangeContext.current(s, address).withOwed(Optional.empty())));
    deleteOld(address);
    cc.observe(session, address);
    return "replaced group " + old.group().name() + " with " + ref.name();
  }

  /**
   * One write: the new group becomes the pool, owing the replace until its machines are available,
   * and the old one waits under {@code ADDRESS#old} for deletion, so a crash from here on leaves a
   * state entry the next plan deletes once the new group is at its spec.
   */
  private GroupRef create(
      IrPool pool,
      ResourceState old,
      CloudSession session,
      GroupSpec spec,
      CapacityRequest cap,
      String hash,
      String name,
      String token)
      throws ProviderException, StateException {
    String address = pool.address();
    return cc.ctx
        .intents()
        .call(
            "create",
            address,
            name,
            token,
            t -> session.create(spec, cap, t),
            (s, r) ->
                cc.owe(address, "replace")
                    .apply(
                        s.withResource(old.withAddress(oldAddress(address)))
                            .withResource(cc.resource(pool, r, hash))));
  }

  /** The same single state write as {@link #create}, for a group an interrupted apply created. */
  private GroupRef adopt(
      PoolChange c,
      IrPool pool,
      ResourceState old,
      CloudSession session,
      GroupSpec spec,
      CapacityRequest cap,
      String hash)
      throws ProviderException, StateException {
    String address = pool.address();
    GroupRef adopted = ChangeContext.ref(address, c.adopt().get());
    cc.ctx
        .intents()
        .persister()
        .update(
            s ->
                cc.owe(address, "replace")
                    .apply(
                        s.withResource(old.withAddress(oldAddress(address)))
                            .withResource(cc.resource(pool, adopted, hash))));
    // It was created from the configuration of the killed apply, which may have differed in
    // capacity or labels from this one (the machine spec matched, or it would not be adopted).
    cc.ctx
        .intents()
        .run("set-capacity", address, adopted.name(), () -> session.setCapacity(adopted, cap));
    cc.ctx
        .intents()
        .run(
            "update-metadata",
            address,
            adopted.name(),
            () -> session.updateMetadata(adopted, spec));
    return adopted;
  }

  /** Deletes the group waiting under {@code ADDRESS#old}, with its state entry. */
  private void deleteOld(String address) throws ProviderException, StateException {
    String oldAddress = oldAddress(address);
    ResourceState moved = cc.current(oldAddress);
    CloudSession oldSession = cc.sessions.open(cc.cloudOf(moved.cloud()));
    cc.ctx
        .intents()
        .call(
            "delete",
            oldAddress,
            moved.group().name(),
            null,
            t -> {
              ChangeContext.deleteIgnoringMissing(oldSession, moved.group());
              return Boolean.TRUE;
            },
            (s, r) -> s.withoutResource(oldAddress));
  }

  /** The address a replaced group waits under until it is deleted (docs/runtime.md). */
  static final String OLD_SUFFIX = "#old";

  static String oldAddress(String address) {
    return address + OLD_SUFFIX;
  }
}
