package dev.poolform.runtime.engine;

import dev.poolform.runtime.plan.PoolChange;
import dev.poolform.runtime.plan.StrayGroup;
import dev.poolform.runtime.provider.GroupRef;
import dev.poolform.runtime.provider.ObservedGroup;
import dev.poolform.runtime.state.ResourceState;
import dev.poolform.runtime.state.State;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The groups of this lineage that state does not know: what applies killed between a create call
 * and its state write left behind. A group is known when some state entry (a pool, or a replaced
 * group waiting for deletion under {@code ADDRESS#old}) names its cloud id. A group state remembers
 * as released ({@code pool state rm}) is no leftover either, even if its tags could not be removed:
 * this configuration gave it up. The planner lets a change adopt one of the leftovers and turns
 * every other into a {@link StrayGroup} to delete, so a crash never leaves a group running that no
 * state entry accounts for.
 */
final class Leftovers {
  /** cloud key -> unknown groups of that cloud. */
  private final Map<String, List<ObservedGroup>> unknown = new TreeMap<>();

  Leftovers(Refresh refresh, State state) {
    Map<String, Set<String>> known = new TreeMap<>();
    for (ResourceState r : state.resources().values()) {
      known.computeIfAbsent(r.cloud().key(), k -> new HashSet<>()).add(r.group().cloudId());
    }
    refresh
        .clouds()
        .forEach(
            (key, read) -> {
              Set<String> ids = known.getOrDefault(key, Set.of());
              for (ObservedGroup g : read.owned()) {
                if (state.isReleased(key, g.ref().cloudId())) continue;
                if (!ids.contains(g.ref().cloudId()))
                  unknown.computeIfAbsent(key, k -> new ArrayList<>()).add(g);
              }
            });
  }

  /** Unknown groups tagged with {@code address} on one cloud: candidates for adoption. */
  List<ObservedGroup> on(String cloudKey, String address) {
    return unknown.getOrDefault(cloudKey, List.of()).stream()
        .filter(g -> g.ref().address().equals(address))
        .toList();
  }

  /** Every address some unknown group is tagged with, sorted. */
  SortedSet<String> addresses() {
    SortedSet<String> out = new TreeSet<>();
    unknown.values().forEach(gs -> gs.forEach(g -> out.add(g.ref().address())));
    return out;
  }

  /**
   * The unknown groups of {@code address} on every cloud, except the one adopted on {@code cloud}.
   */
  List<StrayGroup> strays(String address, String cloud, Optional<GroupRef> adopted) {
    List<StrayGroup> out = new ArrayList<>();
    unknown.forEach(
        (key, gs) -> {
          for (ObservedGroup g : gs) {
            if (!g.ref().address().equals(address)) continue;
            if (key.equals(cloud)
                && adopted.isPresent()
                && adopted.get().cloudId().equals(g.ref().cloudId())) continue;
            out.add(new StrayGroup(key, g.ref()));
          }
        });
    out.sort(
        java.util.Comparator.comparing((StrayGroup s) -> s.cloud())
            .thenComparing(s -> s.group().name()));
    return out;
  }

  /** {@code change} with the strays of its address, and a reason for each. */
  PoolChange withStrays(State state, PoolChange change) {
    List<StrayGroup> strays = strays(change.address(), change.cloud(), change.adopt());
    return strays.isEmpty() ? change : change.withStrays(strays, reasons(strays, state));
  }

  /**
   * Why each stray is deleted, as far as state can tell: a pending {@code create} of its name
   * proves an interrupted apply made it; without one, all that is known is that it carries this
   * lineage and no entry names it.
   */
  static List<String> reasons(List<StrayGroup> strays, State state) {
    return strays.stream().map(s -> reason(s, state)).toList();
  }

  private static String reason(StrayGroup s, State state) {
    String group = "group " + s.group().name() + " (" + s.group().cloudId() + ") on " + s.cloud();
    boolean interrupted =
        state.pendingFor(s.group().address()).stream()
            .anyMatch(
                p -> p.operation().equals("create") && p.expectedName().equals(s.group().name()));
    return interrupted
        ? group
            + " was created by an interrupted apply (its `create` never reached state): it is"
            + " deleted"
        : group
            + " carries this state's lineage tag, but no state entry names it (an apply stopped"
            + " before recording it, or the state is older than the cloud): it is deleted";
  }
}
