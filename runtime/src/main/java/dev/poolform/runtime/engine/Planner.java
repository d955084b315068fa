package dev.poolform.runtime.engine;

import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolform.ir.IrCloud;
import dev.poolform.ir.IrConfig;
import dev.poolform.ir.IrHealth;
import dev.poolform.ir.IrPool;
import dev.poolform.runtime.json.Hashes;
import dev.poolform.runtime.plan.Action;
import dev.poolform.runtime.plan.Drift;
import dev.poolform.runtime.plan.Plan;
import dev.poolform.runtime.plan.PlanRequest;
import dev.poolform.runtime.plan.PoolChange;
import dev.poolform.runtime.plan.TreeDiff;
import dev.poolform.runtime.provider.CloudProvider;
import dev.poolform.runtime.provider.CloudSession;
import dev.poolform.runtime.provider.GroupRef;
import dev.poolform.runtime.provider.GroupsRead;
import dev.poolform.runtime.provider.ObservedGroup;
import dev.poolform.runtime.provider.ObservedMachine;
import dev.poolform.runtime.provider.ProviderException;
import dev.poolform.runtime.spec.PoolSpecs;
import dev.poolform.runtime.state.ResourceState;
import dev.poolform.runtime.state.State;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Plans: refreshes every cloud involved with one batched {@code read} and one {@code findOwned}
 * each ({@code readForPlan}), reads machines only for pools with a health block, then diffs
 * configuration vs state vs live. Never mutates a cloud or the state.
 */
public final class Planner {
  private final Sessions sessions;
  private final Clock clock;

  /** What each cloud of the current plan points at, for reasons. */
  private CloudNames clouds = new CloudNames(Map.of());

  public Planner(Sessions sessions, Clock clock) {
    this.sessions = sessions;
    this.clock = clock;
  }

  public PlanOutcome plan(IrConfig config, State state) {
    return plan(config, state, List.of(), PlanRequest.ALL);
  }

  /**
   * Plans {@code config} against {@code state}, limited and forced as {@code request} asks ({@link
   * PlanRequests}). {@code knownClouds} are clouds to prefer over the copies state keeps (a destroy
   * passes the configuration's clouds while planning no pools).
   */
  public PlanOutcome plan(
      IrConfig config, State read, java.util.Collection<IrCloud> knownClouds, PlanRequest request) {
    List<Problem> problems = new ArrayList<>();
    Map<String, IrCloud> declared = new TreeMap<>();
    for (IrCloud c : knownClouds) declared.put(Sessions.key(c), c);
    for (IrPool p : config.pools()) declared.put(Sessions.key(p.cloud()), p.cloud());
    Optional<CloudBindings.Bound> bound =
        new CloudBindings(sessions).bind(declared.values(), read, problems);
    if (bound.isEmpty()) return failed(problems, Optional.empty(), read);
    MovedBlocks.Moved moved = MovedBlocks.apply(config.moves(), bound.get().state(), problems);
    State state = moved.state();
    if (!problems.isEmpty()) return failed(problems, Optional.empty(), read);
    clouds = new CloudNames(bound.get().identities());
    SortedMap<String, Refresh.CloudRead> reads =
        readClouds(cloudsInvolved(config, state, knownClouds), state, problems);
    if (!problems.isEmpty()) return failed(problems, Optional.empty(), state);
    SortedMap<String, List<ObservedMachine>> machines =
        readMachines(config, state, reads, problems);
    if (!problems.isEmpty()) return failed(problems, Optional.empty(), state);
    Refresh refresh = new Refresh(reads, machines);

    Leftovers leftovers = new Leftovers(refresh, state);
    List<PoolChange> changes = new ArrayList<>();
    List<Drift> drift = new ArrayList<>();
    Map<String, IrPool> configured = new LinkedHashMap<>();
    for (IrPool p : config.pools()) configured.put(p.address(), p);
    configuredChanges(config, state, refresh, leftovers, changes, drift, problems);
    removedChanges(configured, state, refresh, leftovers, request.destroy(), changes);
    orphanChanges(configured, state, leftovers, changes);
    changes = PlanRequests.apply(request, config, changes, problems);
    if (!request.refreshOnly()) nameClashes(configured, state, changes, problems);
    if (!problems.isEmpty()) return failed(problems, Optional.of(refresh), state);
    changes.replaceAll(
        c ->
            moved.reasons().containsKey(c.address())
                ? c.withReasons(List.of(moved.reasons().get(c.address())))
                : c);
    changes.sort(Comparator.comparing(PoolChange::address));
    // Capacity an autoscaler owns is not the plan's: its moves must not make a saved plan stale.
    Set<String> desiredNotOwned = new TreeSet<>();
    for (IrPool p : config.pools()) if (p.capacity().external()) desiredNotOwned.add(p.address());
    ObjectNode live = refresh.live(desiredNotOwned);
    Plan plan =
        new Plan(
            PoolSpecs.configHash(config),
            state.lineage(),
            state.serial(),
            Hashes.of(live),
            request.refreshOnly() ? List.of() : changes,
            PlanRequests.covered(request, changes, drift),
            live,
            request);
    return new PlanOutcome(Optional.of(plan), List.of(), Optional.of(refresh), state);
  }

  private static PlanOutcome failed(
      List<Problem> problems, Optional<Refresh> refresh, State state) {
    return new PlanOutcome(Optional.empty(), problems, refresh, state);
  }

  /** Every cloud involved: the configuration's, and those of pools state still has. */
  private static Map<String, IrCloud> cloudsInvolved(
      IrConfig config, State state, java.util.Collection<IrCloud> knownClouds) {
    Map<String, IrCloud> clouds = new TreeMap<>();
    for (IrPool p : config.pools()) clouds.putIfAbsent(Sessions.key(p.cloud()), p.cloud());
    Map<String, IrCloud> known = new TreeMap<>();
    for (IrCloud c : knownClouds) known.put(Sessions.key(c), c);
    for (ResourceState r : state.resources().values()) {
      clouds.putIfAbsent(
          r.cloud().key(), known.getOrDefault(r.cloud().key(), Sessions.fromState(r.cloud())));
    }
    return clouds;
  }

  /** One batched read of state's groups and one search for the lineage's groups, per cloud. */
  private SortedMap<String, Refresh.CloudRead> readClouds(
      Map<String, IrCloud> clouds, State state, List<Problem> problems) {
    TreeMap<String, Refresh.CloudRead> reads = new TreeMap<>();
    for (Map.Entry<String, IrCloud> e : clouds.entrySet()) {
      try {
        CloudSession s = sessions.open(e.getValue());
        List<GroupRef> refs =
            state.resources().values().stream()
                .filter(r -> r.cloud().key().equals(e.getKey()))
                .map(ResourceState::group)
                .toList();
        GroupsRead read = s.readForPlan(refs, state.lineage());
        reads.put(e.getKey(), new Refresh.CloudRead(e.getValue(), read.read(), read.owned()));
      } catch (ProviderException ex) {
        problems.add(cannotRead(e.getKey(), ex));
      } catch (RuntimeException ex) {
        // A provider bug must not end in a stack trace for the user.
        problems.add(cannotRead(e.getKey(), ex));
      }
    }
    return reads;
  }

  /** A cloud's read failed: the error at its cloud block. */
  private static Problem cannotRead(String cloudKey, ProviderException ex) {
    return Problem.ofCloud(
        cloudKey,
        new ProviderException(
            ex.kind(),
            ex.cloudCode().orElse(null),
            ex.attribute().orElse(null),
            "cannot read cloud " + cloudKey + ": " + ex.getMessage(),
            ex));
  }

  /** A provider's bug while reading a cloud: said plainly, never as a stack trace. */
  private static Problem cannotRead(String cloudKey, RuntimeException ex) {
    return Problem.of(
        null, "cannot read cloud " + cloudKey + ": internal error in its provider: " + ex);
  }

  /** Machines only where a health block or work a pool still owes needs them. */
  private SortedMap<String, List<ObservedMachine>> readMachines(
      IrConfig config,
      State state,
      SortedMap<String, Refresh.CloudRead> reads,
      List<Problem> problems) {
    TreeMap<String, List<ObservedMachine>> machines = new TreeMap<>();
    Refresh partial = new Refresh(reads, machines);
    for (IrPool p : config.pools()) {
      Optional<ResourceState> st = state.resource(p.address());
      if (st.isEmpty() || !st.get().cloud().key().equals(Sessions.key(p.cloud()))) continue;
      if (p.health().equals(IrHealth.NONE) && st.get().owed().isEmpty()) continue;
      Optional<ObservedGroup> live = partial.live(st.get().cloud().key(), p.address());
      if (live.isEmpty()) continue;
      try {
        machines.put(p.address(), sessions.open(p.cloud()).machines(live.get().ref()));
      } catch (ProviderException ex) {
        problems.add(Problem.of(p.address(), ex));
      } catch (RuntimeException ex) {
        problems.add(Problem.of(p.address(), "internal error in the provider: " + ex));
      }
    }
    return machines;
  }

  /** Each configured pool against its state entry (if any), the cloud and the leftovers. */
  private void configuredChanges(
      IrConfig config,
      State state,
      Refresh refresh,
      Leftovers leftovers,
      List<PoolChange> changes,
      List<Drift> drift,
      List<Problem> problems) {
    PoolDiffer differ = new PoolDiffer(clock.instant(), state.lineage(), clouds);
    for (IrPool p : config.pools()) {
      String cloudKey = Sessions.key(p.cloud());
      Optional<ResourceState> st = state.resource(p.address());
      PoolDiffer.Decision d;
      if (st.isPresent()) {
        CloudProvider provider;
        try {
          provider = sessions.provider(p.cloud().kind());
        } catch (ProviderException ex) {
          problems.add(Problem.of(p.address(), ex));
          continue;
        }
        d =
            differ.existing(
                p,
                st.get(),
                refresh.live(st.get().cloud().key(), p.address()),
                provider::replaceReason,
                Optional.ofNullable(refresh.machines().get(p.address())),
                state.pendingFor(p.address()),
                leftovers.on(cloudKey, p.address()));
      } else {
        d =
            differ.fresh(
                p,
                leftovers.on(cloudKey, p.address()),
                state.pendingFor(p.address()),
                GroupNames.heldByPool(state, p));
        d = Released.noteNameClash(d, p, cloudKey, state);
      }
      changes.add(leftovers.withStrays(state, d.change()));
      drift.addAll(d.drift());
    }
  }

  /**
   * A create whose group name another group already holds on the cloud (another configuration's, or
   * one no configuration owns) would be refused by the apply: the plan refuses it now, with the
   * error the create would give, at the pool. Each cloud is asked once for all its creates. A name
   * state gives another group here is no clash: the new group is suffixed ({@link GroupNames}).
   */
  private void nameClashes(
      Map<String, IrPool> configured,
      State state,
      List<PoolChange> changes,
      List<Problem> problems) {
    Map<String, IrCloud> cloudOf = new TreeMap<>();
    Map<String, Map<String, String>> namesByCloud = new TreeMap<>();
    for (PoolChange c : changes) {
      IrPool p = configured.get(c.address());
      if (c.action() != Action.CREATE || p == null || state.resource(p.address()).isPresent())
        continue;
      if (!GroupNames.forCreate(state, p, "0000").equals(p.name())) continue;
      String key = Sessions.key(p.cloud());
      cloudOf.putIfAbsent(key, p.cloud());
      namesByCloud.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(p.address(), p.name());
    }
    for (Map.Entry<String, Map<String, String>> e : namesByCloud.entrySet()) {
      try {
        sessions
            .open(cloudOf.get(e.getKey()))
            .createRefusals(e.getValue(), state.lineage())
            .forEach((address, ex) -> problems.add(Problem.of(address, ex)));
      } catch (ProviderException ex) {
        problems.add(cannotRead(e.getKey(), ex));
      } catch (RuntimeException ex) {
        problems.add(cannotRead(e.getKey(), ex));
      }
    }
  }

  /**
   * In state, not in the configuration: delete. A destroy plans against no pools, so every pool
   * comes here; its reason then says the destroy asked for it, not that the pool left the file.
   */
  private static void removedChanges(
      Map<String, IrPool> configured,
      State state,
      Refresh refresh,
      Leftovers leftovers,
      boolean destroy,
      List<PoolChange> changes) {
    for (ResourceState r : state.resources().values()) {
      if (configured.containsKey(r.address())) continue;
      List<String> reasons = new ArrayList<>();
      PoolDiffer.pendingReasons(state.pendingFor(r.address()), reasons);
      String why =
          destroy ? "destroy requested" : r.address() + " is no longer in the configuration";
      if (refresh.live(r.cloud().key(), r.address()).isPresent()) {
        reasons.add(why);
      } else {
        reasons.add(why + "; its group is already gone, so only state is updated");
      }
      changes.add(
          leftovers.withStrays(
              state,
              new PoolChange(
                  r.address(),
                  Action.DELETE,
                  r.cloud().key(),
                  r.spec(),
                  null,
                  TreeDiff.diff(r.spec(), null),
                  reasons,
                  List.of(),
                  Optional.of(r.group()),
                  Optional.empty(),
                  List.of())));
    }
  }

  /**
   * Groups of this lineage nobody knows, for a pool neither configured nor in state: an interrupted
   * apply created them for a pool since removed.
   */
  private static void orphanChanges(
      Map<String, IrPool> configured, State state, Leftovers leftovers, List<PoolChange> changes) {
    for (String address : leftovers.addresses()) {
      if (configured.containsKey(address) || state.resource(address).isPresent()) continue;
      List<dev.poolform.runtime.plan.StrayGroup> strays =
          leftovers.strays(address, "", Optional.empty());
      changes.add(
          new PoolChange(
                  address,
                  Action.DELETE,
                  strays.get(0).cloud(),
                  NullNode.getInstance(),
                  null,
                  List.of(),
                  List.of(address + " is not in the configuration"),
                  List.of(),
                  Optional.empty(),
                  Optional.empty(),
                  List.of())
              .withStrays(strays, Leftovers.reasons(strays, state)));
    }
  }
}
