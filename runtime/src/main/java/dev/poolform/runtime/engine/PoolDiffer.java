package dev.poolform.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolform.ir.IrCapacity;
import dev.poolform.ir.IrHealth;
import dev.poolform.ir.IrPool;
import dev.poolform.ir.json.CanonicalJson;
import dev.poolform.ir.json.ValueJson;
import dev.poolform.runtime.plan.Action;
import dev.poolform.runtime.plan.AttributeDiff;
import dev.poolform.runtime.plan.Drift;
import dev.poolform.runtime.plan.PoolChange;
import dev.poolform.runtime.plan.TreeDiff;
import dev.poolform.runtime.provider.ObservedGroup;
import dev.poolform.runtime.provider.ObservedMachine;
import dev.poolform.runtime.spec.PoolSpecs;
import dev.poolform.runtime.state.PendingIntent;
import dev.poolform.runtime.state.ResourceState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;

/**
 * Decides the change for one configured pool from its state entry and what the cloud shows. The
 * headline action is the strongest that applies (replace > rollout > scale > update > repair >
 * noop); apply carries out every step the diffs call for, not just the headline.
 */
final class PoolDiffer {
  private final Instant now;

  PoolDiffer(Instant now) {
    this.now = now;
  }

  /** What the differ found for one pool. */
  record Decision(PoolChange change, List<Drift> drift) {}

  /** A pool that has a state entry. */
  Decision existing(
      IrPool pool,
      ResourceState st,
      Optional<ObservedGroup> live,
      Set<String> immutable,
      Optional<List<ObservedMachine>> machines,
      List<PendingIntent> pending,
      List<ObservedGroup> unknownOwned) {
    ObjectNode after = PoolSpecs.specOf(pool);
    String cloud = Sessions.key(pool.cloud());
    List<String> reasons = new ArrayList<>();
    List<Drift> drift = new ArrayList<>();
    List<AttributeDiff> diffs = new ArrayList<>(TreeDiff.diff(st.spec(), after));
    pendingReasons(pending, reasons);

    if (!st.cloud().key().equals(cloud)) {
      reasons.add(
          "cloud changed ("
              + st.cloud().key()
              + " -> "
              + cloud
              + "): the pool is created on the new cloud, then deleted from the old one");
      // An interrupted replace may already have created the new group: take it instead of a second
      // when it runs the configured spec (a replace does not roll machines); else it is a stray.
      Optional<dev.poolform.runtime.provider.GroupRef> adopt =
          pick(unknownOwned, PoolSpecs.machineHash(pool), true).map(ObservedGroup::ref);
      adopt.ifPresent(
          r ->
              reasons.add(
                  "adopting group "
                      + r.name()
                      + " ("
                      + r.cloudId()
                      + "), created on "
                      + cloud
                      + " by an interrupted apply"));
      return new Decision(
          change(
              pool,
              Action.REPLACE,
              st.spec(),
              after,
              diffs,
              reasons,
              List.of(),
              Optional.of(st.group()),
              adopt),
          drift);
    }
    if (live.isEmpty()) {
      reasons.add(
          "group "
              + st.group().name()
              + " no longer exists in the cloud (deleted outside Poolform)");
      drift.add(
          new Drift(
              pool.address(),
              "group",
              CanonicalJson.NODES.textNode(st.group().cloudId()),
              NullNode.getInstance(),
              "group " + st.group().name() + " deleted outside Poolform"));
      return new Decision(
          change(
              pool,
              Action.CREATE,
              st.spec(),
              after,
              diffs,
              reasons,
              List.of(),
              Optional.empty(),
              Optional.empty()),
          drift);
    }
    ObservedGroup g = live.get();
    String hash = PoolSpecs.machineHash(pool);
    Action action = Action.NOOP;

    List<String> immutableChanged =
        diffs.stream()
            .map(AttributeDiff::path)
            .filter(p -> immutable.stream().anyMatch(i -> p.equals(i) || p.startsWith(i + ".")))
            .toList();
    if (!immutableChanged.isEmpty()) {
      for (String p : immutableChanged)
        reasons.add(
            p
                + " changed and cannot change in place: a new group is created, then the old one deleted");
      // A replace killed after its create call left the new group untracked: take it when it
      // already runs the configured spec; any other leftover is deleted as a stray.
      Optional<dev.poolform.runtime.provider.GroupRef> adopt =
          pick(unknownOwned, hash, true).map(ObservedGroup::ref);
      adopt.ifPresent(
          r ->
              reasons.add(
                  "adopting group "
                      + r.name()
                      + " ("
                      + r.cloudId()
                      + "), created by an interrupted replace"));
      return new Decision(
          change(
              pool,
              Action.REPLACE,
              st.spec(),
              after,
              diffs,
              reasons,
              List.of(),
              Optional.of(st.group()),
              adopt),
          drift);
    }

    // Machine spec: a new hash means new machines.
    if (!hash.equals(st.specHash())) {
      for (AttributeDiff d : diffs) {
        if (d.path().startsWith("machine"))
          reasons.add(d.path() + " changed" + (d.sensitive() ? " (sensitive value)" : ""));
      }
      if (diffs.stream().noneMatch(d -> d.path().startsWith("machine")))
        reasons.add("machine spec changed");
      action = Action.ROLLOUT;
    } else if (g.specHash().isPresent()
        && !g.specHash().get().equals(st.specHash())
        && st.rollout().isEmpty()) {
      reasons.add(
          "machine spec changed outside Poolform: new machines would not match the configuration");
      drift.add(
          new Drift(
              pool.address(),
              "machine",
              CanonicalJson.NODES.textNode(st.specHash()),
              CanonicalJson.NODES.textNode(g.specHash().get()),
              "machine spec changed outside Poolform"));
      action = Action.ROLLOUT;
    }
    if (st.rollout().isPresent()) {
      reasons.add(
          "finish the rollout an earlier apply started at " + st.rollout().get().startedAt());
      action = Action.ROLLOUT;
    }

    // Capacity against the cloud: sizes that differ are changes, or drift when we had applied them.
    IrCapacity cap = pool.capacity();
    JsonNode applied = st.spec().path("capacity");
    boolean scale = false;
    scale |= capacity(pool, "min", cap.min(), g.min(), applied, reasons, drift, diffs);
    scale |= capacity(pool, "max", cap.max(), g.max(), applied, reasons, drift, diffs);
    if (!cap.external()) {
      scale |=
          capacity(
              pool,
              "desired",
              cap.desired().getAsLong(),
              g.desired(),
              applied,
              reasons,
              drift,
              diffs);
    }
    if (scale && action == Action.NOOP) action = Action.SCALE;

    // Labels against the cloud's tags.
    SortedMap<String, String> liveLabels = PoolSpecs.labelsOf(g.tags());
    if (!liveLabels.equals(pool.labels())) {
      ObjectNode liveL = CanonicalJson.object();
      liveLabels.forEach(liveL::put);
      JsonNode appliedL = st.spec().path("labels");
      if (appliedL.equals(after.get("labels"))) {
        reasons.add("labels changed outside Poolform");
        drift.add(
            new Drift(
                pool.address(), "labels", appliedL, liveL, "labels changed outside Poolform"));
        addDiff(diffs, "labels", liveL, after.get("labels"));
      } else {
        reasons.add("labels changed");
      }
      if (action == Action.NOOP) action = Action.UPDATE;
    }
    // Settings only Poolform reads (rollout, health, after): state changes, the cloud does not.
    for (AttributeDiff d : diffs) {
      String p = d.path();
      if (p.startsWith("rollout")
          || p.startsWith("health")
          || p.startsWith("after")
          || p.equals("name")) {
        reasons.add(p + " changed");
        if (action == Action.NOOP) action = Action.UPDATE;
      }
    }

    if (action == Action.NOOP && !TreeDiff.diff(st.spec(), after).isEmpty()) {
      reasons.add(
          "the configuration changed where the cloud already matches it: only state is updated");
      action = Action.UPDATE;
    }

    List<String> targets = List.of();
    if (machines.isPresent() && !pool.health().equals(IrHealth.NONE) && action != Action.ROLLOUT) {
      List<ObservedMachine> bad = HealthCheck.unhealthy(machines.get(), pool.health(), now);
      if (!bad.isEmpty()) {
        long limit = HealthCheck.limit(machines.get(), pool.health());
        List<String> ids = bad.stream().map(ObservedMachine::id).toList();
        if (pool.health().repair() == IrHealth.Repair.NONE) {
          reasons.add(
              bad.size()
                  + " machine(s) unhealthy for longer than "
                  + fmt(pool.health().grace())
                  + " ("
                  + String.join(", ", ids)
                  + "); repair = \"none\": reported only");
        } else if (limit <= 0) {
          reasons.add(
              bad.size()
                  + " machine(s) unhealthy ("
                  + String.join(", ", ids)
                  + ") but max_unhealthy allows no repair at this size");
        } else {
          targets = ids.subList(0, (int) Math.min(limit, ids.size()));
          reasons.add(
              bad.size()
                  + " machine(s) unhealthy for longer than "
                  + fmt(pool.health().grace())
                  + "; replacing "
                  + String.join(", ", targets)
                  + (targets.size() < ids.size()
                      ? " (max_unhealthy allows " + limit + " at once)"
                      : ""));
          if (action == Action.NOOP) action = Action.REPAIR;
        }
      }
    }
    return new Decision(
        change(
            pool,
            action,
            st.spec(),
            after,
            diffs,
            reasons,
            targets,
            Optional.of(st.group()),
            Optional.empty()),
        drift);
  }

  /** A pool without a state entry: new, or created by an interrupted apply ({@code owned}). */
  Decision fresh(IrPool pool, List<ObservedGroup> unknownOwned, List<PendingIntent> pending) {
    ObjectNode after = PoolSpecs.specOf(pool);
    Optional<ObservedGroup> owned = pick(unknownOwned, PoolSpecs.machineHash(pool), false);
    List<String> reasons = new ArrayList<>();
    pendingReasons(pending, reasons);
    if (owned.isEmpty()) {
      reasons.add(pool.address() + " is new");
      return new Decision(
          change(
              pool,
              Action.CREATE,
              NullNode.getInstance(),
              after,
              TreeDiff.diff(NullNode.getInstance(), after),
              reasons,
              List.of(),
              Optional.empty(),
              Optional.empty()),
          List.of());
    }
    ObservedGroup g = owned.get();
    reasons.add(
        "adopting group "
            + g.ref().name()
            + " ("
            + g.ref().cloudId()
            + "), created by an interrupted apply and missing from state");
    // What the cloud has, in spec shape, so the diff shows what apply still changes.
    ObjectNode before = PoolSpecs.liveSpecOf(pool, g);
    List<AttributeDiff> diffs = TreeDiff.diff(before, after);
    Action action = Action.NOOP;
    String hash = PoolSpecs.machineHash(pool);
    if (g.specHash().isPresent() && !g.specHash().get().equals(hash)) {
      reasons.add("the group's machine spec differs from the configuration");
      action = Action.ROLLOUT;
    } else if (diffs.stream().anyMatch(d -> d.path().startsWith("capacity"))) {
      reasons.add("capacity differs from the configuration");
      action = Action.SCALE;
    } else if (!diffs.isEmpty()) {
      reasons.add("labels differ from the configuration");
      action = Action.UPDATE;
    }
    return new Decision(
        change(
            pool,
            action,
            before,
            after,
            diffs,
            reasons,
            List.of(),
            Optional.of(g.ref()),
            Optional.of(g.ref())),
        List.of());
  }

  private boolean capacity(
      IrPool pool,
      String field,
      long want,
      long live,
      JsonNode applied,
      List<String> reasons,
      List<Drift> drift,
      List<AttributeDiff> diffs) {
    if (want == live) return false;
    JsonNode a = applied.path(field);
    String path = "capacity." + field;
    if (a.isIntegralNumber() && a.asLong() == want) {
      reasons.add(path + " changed outside Poolform (" + want + " -> " + live + ")");
      drift.add(
          new Drift(
              pool.address(),
              path,
              a,
              CanonicalJson.NODES.numberNode(live),
              path + " changed outside Poolform (" + want + " -> " + live + ")"));
      addDiff(
          diffs, path, CanonicalJson.NODES.numberNode(live), CanonicalJson.NODES.numberNode(want));
    } else {
      String from = a.isMissingNode() ? Long.toString(live) : a.asText();
      reasons.add(path + " changed (" + from + " -> " + want + ")");
    }
    return true;
  }

  private static void addDiff(List<AttributeDiff> diffs, String path, JsonNode old, JsonNode neu) {
    if (diffs.stream().noneMatch(d -> d.path().equals(path) || d.path().startsWith(path + "."))) {
      diffs.add(
          new AttributeDiff(path, old, neu, ValueJson.isDigest(old) || ValueJson.isDigest(neu)));
    }
  }

  static void pendingReasons(List<PendingIntent> pending, List<String> reasons) {
    for (PendingIntent p : pending) {
      reasons.add(
          "an interrupted apply left `"
              + p.operation()
              + "` of "
              + p.expectedName()
              + " unfinished (started "
              + p.startedAt()
              + ")");
    }
  }

  static PoolChange change(
      IrPool pool,
      Action action,
      JsonNode before,
      JsonNode after,
      List<AttributeDiff> diffs,
      List<String> reasons,
      List<String> targets,
      Optional<dev.poolform.runtime.provider.GroupRef> group,
      Optional<dev.poolform.runtime.provider.GroupRef> adopt) {
    return new PoolChange(
        pool.address(),
        action,
        Sessions.key(pool.cloud()),
        before,
        after,
        diffs,
        reasons,
        targets,
        group,
        adopt,
        List.of());
  }

  /**
   * The leftover group to adopt: one already on the configured machine spec first (it needs no
   * rollout), else, unless {@code sameSpecOnly}, any whole group (a partial one can only be
   * deleted). Ties go to the name, so plans are stable.
   */
  static Optional<ObservedGroup> pick(
      List<ObservedGroup> candidates, String hash, boolean sameSpecOnly) {
    java.util.Comparator<ObservedGroup> order =
        java.util.Comparator.comparing((ObservedGroup g) -> !g.specHash().equals(Optional.of(hash)))
            .thenComparing(g -> g.ref().name())
            .thenComparing(g -> g.ref().cloudId());
    return candidates.stream()
        .filter(g -> !g.partial())
        .filter(g -> !sameSpecOnly || g.specHash().equals(Optional.of(hash)))
        .min(order);
  }

  private static String fmt(java.time.Duration d) {
    return dev.poolform.stdlib.value.Literals.formatDuration(d.toMillis());
  }
}
