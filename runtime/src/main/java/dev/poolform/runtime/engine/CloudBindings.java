package dev.poolform.runtime.engine;

import dev.poolform.ir.IrCloud;
import dev.poolform.ir.json.ValueJson;
import dev.poolform.runtime.json.Hashes;
import dev.poolform.runtime.provider.CloudIdentity;
import dev.poolform.runtime.provider.ProviderException;
import dev.poolform.runtime.state.ReleasedGroup;
import dev.poolform.runtime.state.ResourceState;
import dev.poolform.runtime.state.State;
import dev.poolform.runtime.state.StateCloud;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Binds each state entry to a cloud by what the clouds point at ({@link CloudIdentity}), not by
 * their names, before anything is planned: a state entry recorded on {@code local.dev} whose cloud
 * the configuration now calls {@code sandbox} (same place) is on {@code local.sandbox}, and
 * renaming a cloud block replaces nothing. An entry whose block kept its name but now points
 * elsewhere (another region, account or endpoint) is bound to a cloud of its own, named {@code
 * NAME@HASH}, with the settings state recorded, so the pool moves: created where the block points
 * now, deleted where it was.
 *
 * <p>After binding, each place has one cloud key: the plan, the leftovers and apply never see the
 * same groups under two names (which would read one pool's group as another's stray). So two
 * configured clouds pointing at the same place are refused.
 */
final class CloudBindings {
  private final Sessions sessions;

  /** The result: the state with every entry on its bound cloud, and each cloud's identity. */
  record Bound(State state, Map<String, CloudIdentity> identities) {}

  CloudBindings(Sessions sessions) {
    this.sessions = sessions;
  }

  Optional<Bound> bind(Collection<IrCloud> configured, State state, List<Problem> problems) {
    Map<String, IrCloud> byKey = new TreeMap<>();
    for (IrCloud c : configured) byKey.putIfAbsent(Sessions.key(c), c);
    Map<String, CloudIdentity> identities = new TreeMap<>();
    Map<CloudIdentity, String> placeOf = new LinkedHashMap<>();
    for (IrCloud c : byKey.values()) {
      Optional<CloudIdentity> id = identity(c, problems);
      if (id.isEmpty()) continue;
      String key = Sessions.key(c);
      identities.put(key, id.get());
      String other = placeOf.putIfAbsent(id.get(), key);
      if (other != null) {
        problems.add(
            Problem.of(
                null,
                "clouds `"
                    + other
                    + "` and `"
                    + key
                    + "` point at the same place, "
                    + id.get().describe()
                    + ": a pool on one would find the other's groups as its own. Declare the"
                    + " cloud once"));
      }
    }
    if (!problems.isEmpty()) return Optional.empty();

    Map<StateCloud, StateCloud> rebound = new LinkedHashMap<>();
    for (StateCloud sc : stateClouds(state)) {
      if (rebound.containsKey(sc)) continue;
      IrCloud same = byKey.get(sc.key());
      IrCloud recorded = Sessions.fromState(sc);
      Optional<CloudIdentity> id =
          same != null && same.settings().equals(recorded.settings())
              ? Optional.ofNullable(identities.get(sc.key()))
              : identity(recorded, problems);
      if (id.isEmpty()) {
        rebound.put(sc, sc);
        continue;
      }
      String home = placeOf.get(id.get());
      if (home != null) {
        IrCloud c = byKey.get(home);
        rebound.put(sc, new StateCloud(c.kind(), c.name(), ValueJson.toJson(c.settings())));
      } else if (!byKey.containsKey(sc.key())) {
        rebound.put(sc, sc);
        identities.putIfAbsent(sc.key(), id.get());
      } else {
        // The block of that name points elsewhere now: the entry keeps a cloud of its own.
        String name = sc.name() + "@" + Hashes.of(identityJson(id.get())).substring(7, 15);
        StateCloud moved = new StateCloud(sc.kind(), name, sc.settings());
        rebound.put(sc, moved);
        identities.put(moved.key(), id.get());
      }
    }
    if (!problems.isEmpty()) return Optional.empty();
    return Optional.of(new Bound(rebind(state, rebound), identities));
  }

  private Optional<CloudIdentity> identity(IrCloud c, List<Problem> problems) {
    try {
      return sessions.open(c).identity();
    } catch (ProviderException e) {
      problems.add(
          Problem.ofCloud(
              Sessions.key(c),
              new ProviderException(
                  e.kind(),
                  e.cloudCode().orElse(null),
                  e.attribute().orElse(null),
                  "cannot read cloud " + Sessions.key(c) + ": " + e.getMessage(),
                  e)));
    } catch (RuntimeException e) {
      problems.add(
          Problem.of(
              null,
              "cannot read cloud " + Sessions.key(c) + ": internal error in its provider: " + e));
    }
    return Optional.empty();
  }

  private static List<StateCloud> stateClouds(State state) {
    List<StateCloud> out = new ArrayList<>();
    for (ResourceState r : state.resources().values()) out.add(r.cloud());
    for (ReleasedGroup r : state.released()) out.add(r.cloud());
    return out;
  }

  private static State rebind(State state, Map<StateCloud, StateCloud> rebound) {
    State out = state;
    for (ResourceState r : state.resources().values()) {
      StateCloud to = rebound.getOrDefault(r.cloud(), r.cloud());
      if (!to.equals(r.cloud())) out = out.withResource(r.onCloud(to));
    }
    List<ReleasedGroup> released = new ArrayList<>();
    for (ReleasedGroup r : state.released()) {
      released.add(r.onCloud(rebound.getOrDefault(r.cloud(), r.cloud())));
    }
    return out.withReleased(released);
  }

  private static com.fasterxml.jackson.databind.node.ObjectNode identityJson(CloudIdentity id) {
    var o = dev.poolform.ir.json.CanonicalJson.object();
    o.put("kind", id.kind());
    id.where().forEach(o::put);
    return o;
  }
}
