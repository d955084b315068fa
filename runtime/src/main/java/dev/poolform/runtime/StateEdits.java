package dev.poolform.runtime;

import dev.poolform.ir.IrConfig;
import dev.poolform.ir.IrPool;
import dev.poolform.ir.json.ValueJson;
import dev.poolform.runtime.engine.Sessions;
import dev.poolform.runtime.provider.GroupRef;
import dev.poolform.runtime.provider.ObservedGroup;
import dev.poolform.runtime.provider.ProviderException;
import dev.poolform.runtime.spec.PoolSpecs;
import dev.poolform.runtime.state.ObservedState;
import dev.poolform.runtime.state.ReleasedGroup;
import dev.poolform.runtime.state.ResourceState;
import dev.poolform.runtime.state.State;
import dev.poolform.runtime.state.StateCloud;
import dev.poolform.runtime.state.StateException;
import dev.poolform.runtime.state.StateStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The state commands that change which cloud groups a state owns: {@code pool state rm} (release),
 * {@code pool state mv} (a new address) and {@code pool import} (adopt). Each runs under the lock
 * its {@link Workspace} holds for it, so a shared backend publishes what it wrote.
 */
final class StateEdits {
  private final StateStore store;
  private final Function<State, Sessions> sessions;
  private final Clock clock;
  private final Seal seal;

  /** Gives every secret of a configuration its digest against a state (Workspace's sealing). */
  @FunctionalInterface
  interface Seal {
    IrConfig apply(IrConfig config, State state) throws StateException;
  }

  StateEdits(StateStore store, Function<State, Sessions> sessions, Clock clock, Seal seal) {
    this.store = store;
    this.sessions = sessions;
    this.clock = clock;
    this.seal = seal;
  }

  /**
   * Forgets a pool and releases its group: the group's ownership tags are removed, and the state
   * remembers it as released, so that this configuration never adopts or deletes it, even when the
   * tags could not be removed. A group already gone from the cloud only loses its entry.
   */
  ReleaseResult rm(String address) throws StateException {
    State s = store.read(Optional.empty());
    ResourceState r = s.resource(address).orElseThrow(() -> notInState(address));
    Optional<String> problem = Optional.empty();
    boolean untagged = false;
    boolean gone = false;
    try (Sessions open = sessions.apply(s)) {
      open.open(Sessions.fromState(r.cloud())).release(r.group());
      untagged = true;
    } catch (ProviderException e) {
      if (e.kind() == ProviderException.Kind.NOT_FOUND) gone = true;
      else problem = Optional.of(e.getMessage());
    } catch (RuntimeException e) {
      problem = Optional.of("internal error in the provider: " + e);
    }
    State next = s.withoutResource(address).withoutPending(p -> p.address().equals(address));
    Optional<ReleasedGroup> released = Optional.empty();
    if (!gone) {
      released =
          Optional.of(new ReleasedGroup(address, r.cloud(), r.group(), clock.instant(), untagged));
      next = next.withReleased(released.get());
    }
    return new ReleaseResult(store.write(next), released, problem);
  }

  /** Renames a pool's address in state (after renaming it in the configuration). */
  State mv(String from, String to) throws StateException {
    State s = store.read(Optional.empty());
    ResourceState r = s.resource(from).orElseThrow(() -> notInState(from));
    if (s.resource(to).isPresent()) {
      throw new StateException(
          StateException.Kind.ADDRESS, to + " is already in state; remove it first.");
    }
    if (!to.startsWith("pool.") || to.length() <= 5) {
      throw new StateException(
          StateException.Kind.ADDRESS, "`" + to + "` is not a pool address (pool.NAME).");
    }
    return store.write(s.withoutResource(from).withResource(r.withAddress(to)));
  }

  /**
   * Adopts an existing cloud group as pool {@code address} of {@code config}. State records what
   * the cloud shows; the next plan shows what apply would still change (a rollout if the machine
   * spec cannot be confirmed, new ownership tags). A group whose tags name another state's lineage
   * is refused unless {@code force}: that configuration may still manage it.
   */
  ImportResult importGroup(IrConfig config, String address, String cloudId, boolean force)
      throws StateException, ProviderException {
    IrPool unsealed =
        config.pools().stream()
            .filter(p -> p.address().equals(address))
            .findFirst()
            .orElseThrow(
                () ->
                    new StateException(
                        StateException.Kind.ADDRESS,
                        address
                            + " is not a pool of the configuration; declare it before importing."));
    State s = store.read(Optional.empty());
    if (s.resource(address).isPresent()) {
      throw new StateException(StateException.Kind.ADDRESS, address + " is already in state.");
    }
    IrPool pool = seal.apply(new IrConfig(config.version(), List.of(unsealed)), s).pools().get(0);
    String cloudKey = Sessions.key(pool.cloud());
    try (Sessions open = sessions.apply(s)) {
      ObservedGroup og =
          open.open(pool.cloud())
              .adopt(cloudId)
              .orElseThrow(
                  () ->
                      new ProviderException(
                          ProviderException.Kind.NOT_FOUND,
                          "no group `" + cloudId + "` on cloud " + cloudKey));
      refuseIfInState(s, cloudKey, og);
      Optional<String> claimedBy = claim(s, og, cloudKey, force);
      GroupRef ref = new GroupRef(address, og.ref().name(), og.ref().cloudId());
      ResourceState r =
          new ResourceState(
              address,
              new StateCloud(
                  pool.cloud().kind(),
                  pool.cloud().name(),
                  ValueJson.toJson(pool.cloud().settings())),
              ref,
              PoolSpecs.liveSpecOf(pool, og),
              og.specHash().orElse("unknown"),
              new ObservedState(
                  og.min(), og.max(), og.desired(), og.specHash(), og.instanceCount()),
              Optional.empty());
      boolean wasReleased = s.isReleased(cloudKey, ref.cloudId());
      store.write(s.withoutReleased(cloudKey, ref.cloudId()).withResource(r));
      return new ImportResult(r, claimedBy, wasReleased);
    }
  }

  /** A group another entry of this state already names cannot become a second pool. */
  private static void refuseIfInState(State s, String cloudKey, ObservedGroup og)
      throws StateException {
    for (ResourceState r : s.resources().values()) {
      if (r.cloud().key().equals(cloudKey) && r.group().cloudId().equals(og.ref().cloudId())) {
        throw new StateException(
            StateException.Kind.ADDRESS,
            "group "
                + og.ref().name()
                + " is already in state as "
                + r.address()
                + "; `pool state mv "
                + r.address()
                + " ADDR` gives it another address.");
      }
    }
  }

  /**
   * Who else claims the group: its tags naming another lineage. Refused without {@code force}; with
   * it, the claim is returned for a warning.
   */
  private static Optional<String> claim(State s, ObservedGroup og, String cloudKey, boolean force)
      throws StateException {
    String lineage = og.tags().get(PoolSpecs.TAG_LINEAGE);
    if (lineage == null || lineage.equals(s.lineage())) return Optional.empty();
    String owner =
        og.tags().getOrDefault(PoolSpecs.TAG_ADDRESS, "a pool")
            + " of another state (lineage "
            + lineage
            + ")";
    if (force) return Optional.of(owner);
    throw new StateException(
        StateException.Kind.CLAIMED,
        "group "
            + og.ref().name()
            + " on "
            + cloudKey
            + " carries the tags of "
            + owner
            + ": that configuration may still manage it, and both would then change it. Run `pool"
            + " state rm "
            + og.tags().getOrDefault(PoolSpecs.TAG_ADDRESS, "ADDR")
            + "` in that configuration first (it releases the group), or import it anyway with"
            + " --force.");
  }

  static StateException notInState(String address) {
    return new StateException(StateException.Kind.ADDRESS, address + " is not in state.");
  }
}
