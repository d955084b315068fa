package dev.poolform.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolform.ir.IrCapacity;
import dev.poolform.ir.IrHealth;
import dev.poolform.ir.IrPool;
import dev.poolform.ir.json.CanonicalJson;
import dev.poolform.ir.json.ValueJson;
import dev.poolform.runtime.Instants;
import dev.poolform.runtime.plan.Action;
import dev.poolform.runtime.plan.AttributeDiff;
import dev.poolform.runtime.plan.Drift;
import dev.poolform.runtime.plan.TreeDiff;
import dev.poolform.runtime.provider.ObservedGroup;
import dev.poolform.runtime.provider.ObservedMachine;
import dev.poolform.runtime.spec.PoolSpecs;
import dev.poolform.runtime.state.OwedWork;
import dev.poolform.runtime.state.ResourceState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * The change for a pool whose group lives on, on the same cloud, with no immutable attribute
 * changed: configuration, state and cloud compared attribute by attribute. Where the cloud differs
 * from what Poolform last applied, the difference is drift and is reported as such; where the
 * configuration changed, it is a plain change.
 *
 * <p>The steps run strongest first (rollout, scale, resume, update, repair); a later step only sets
 * the action when no earlier one did, but every step adds its reasons, diffs and drift.
 */
final class InPlaceDiff {
  private final IrPool pool;
  private final ResourceState st;
  private final ObservedGroup g;
  private final String lineage;
  private final ObjectNode after;
  private final List<AttributeDiff> diffs;
  private final List<String> reasons;
  private final List<Drift> drift;
  private Action action = Action.NOOP;
  private List<String> targets = List.of();

  InPlaceDiff(
      IrPool pool,
      ResourceState st,
      ObservedGroup live,
      String lineage,
      ObjectNode after,
      List<AttributeDiff> diffs,
      List<String> reasons,
      List<Drift> drift) {
    this.pool = pool;
    this.st = st;
    this.g = live;
    this.lineage = lineage;
    this.after = after;
    this.diffs = diffs;
    this.reasons = reasons;
    this.drift = drift;
  }

  /** Runs every step; the diffs, reasons and drift lists given grow as they find things. */
  InPlaceDiff decide(String hash, Optional<List<ObservedMachine>> machines, Instant now) {
    machineSpec(hash);
    unfinishedRollout();
    capacity();
    owed(hash, machines, now);
    labels();
    ownership();
    poolformSettings();
    stateOnly();
    repair(machines, now);
    return this;
  }

  Action action() {
    return action;
  }

  /** Machine ids a repair replaces; empty unless the action is a repair. */
  List<String> targets() {
    return targets;
  }

  /** A new machine hash means new machines; so does a group changed outside Poolform. */
  private void machineSpec(String hash) {
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
  }

  /** State remembers a rollout an interrupted apply started: it is finished first. */
  private void unfinishedRollout() {
    if (st.rollout().isPresent()) {
      reasons.add(
          "finish the rollout an earlier apply started at "
              + Durations.at(st.rollout().get().startedAt()));
      action = Action.ROLLOUT;
    }
  }

  /**
   * Work an earlier step started and did not see through: said with its true reason and what the
   * machines show now, and finished in place ({@code resume}) unless a stronger action (a rollout
   * or a scale, which wait for the same machines) already does it.
   */
  private void owed(String hash, Optional<List<ObservedMachine>> machines, Instant now) {
    if (st.owed().isEmpty()) return;
    OwedWork w = st.owed().get();
    StringBuilder r =
        new StringBuilder("the ")
            .append(w.step())
            .append(" started at ")
            .append(Instants.text(w.since()))
            .append(" did not finish");
    r.append(w.failure().map(f -> ": " + f).orElse(" (the apply was interrupted or killed)"));
    if (machines.isPresent()) {
      long available =
          CapacityWaiter.available(machines.get(), hash, now, pool.rollout().minReady());
      r.append("; ")
          .append(available)
          .append(" of ")
          .append(ChangeContext.required(pool))
          .append(" machines are available now");
    }
    reasons.add(r.toString());
    if (action == Action.NOOP) action = Action.RESUME;
  }

  /**
   * Capacity against the cloud: sizes that differ are changes, or drift when we had applied them.
   * Under {@code desired = external} an autoscaler owns the desired size, so it is not compared.
   */
  private void capacity() {
    IrCapacity cap = pool.capacity();
    JsonNode applied = st.spec().path("capacity");
    boolean scale = false;
    scale |= capacitySize("min", cap.min(), g.min(), applied);
    scale |= capacitySize("max", cap.max(), g.max(), applied);
    if (!cap.external()) {
      scale |= capacitySize("desired", cap.desired().getAsLong(), g.desired(), applied);
    }
    if (scale && action == Action.NOOP) action = Action.SCALE;
  }

  private boolean capacitySize(String field, long want, long live, JsonNode applied) {
    if (want == live) return false;
    JsonNode a = applied.path(field);
    String path = "capacity." + field;
    if (a.isIntegralNumber() && a.asLong() == want && widenedByRollout(field, want, live)) {
      // Not drift: the unfinished rollout widened the bounds and surged the group itself, and
      // finishing it restores them. Said as what it is, so no one hunts for an outside change.
      reasons.add(
          path
              + " is "
              + live
              + " while the unfinished rollout surges; finishing it restores "
              + want);
      addDiff(path, CanonicalJson.NODES.numberNode(live), CanonicalJson.NODES.numberNode(want));
    } else if (a.isIntegralNumber() && a.asLong() == want) {
      reasons.add(path + " changed outside Poolform (" + want + " -> " + live + ")");
      drift.add(
          new Drift(
              pool.address(),
              path,
              a,
              CanonicalJson.NODES.numberNode(live),
              path + " changed outside Poolform (" + want + " -> " + live + ")"));
      addDiff(path, CanonicalJson.NODES.numberNode(live), CanonicalJson.NODES.numberNode(want));
    } else {
      String from = a.isMissingNode() ? Long.toString(live) : a.asText();
      reasons.add(path + " changed (" + from + " -> " + want + ")");
    }
    return true;
  }

  /**
   * Whether a live size lies in the window a rollout of this pool opens (see {@link
   * RollingReplacement}): desired raised by up to {@code max_surge}, max raised to make room for
   * it, min lowered by up to {@code max_unavailable}. Only while state records an unfinished
   * rollout: then the group is in the rollout's hands, and finishing it restores all three.
   */
  private boolean widenedByRollout(String field, long want, long live) {
    if (st.rollout().isEmpty()) return false;
    IrCapacity cap = pool.capacity();
    long desired = cap.external() ? g.desired() : cap.desired().getAsLong();
    long surge = pool.rollout().maxSurge().resolveUp(desired);
    long unavailable = pool.rollout().maxUnavailable().resolveDown(desired);
    if (surge == 0 && unavailable == 0) surge = 1; // as the engine does
    return switch (field) {
      case "desired", "max" -> live > want && live <= Math.max(want, desired + surge);
      case "min" -> live < want && live >= Math.max(0, Math.min(want, desired - unavailable));
      default -> false;
    };
  }

  /** Labels against the cloud's tags. */
  private void labels() {
    SortedMap<String, String> liveLabels = PoolSpecs.labelsOf(g.tags());
    if (liveLabels.equals(pool.labels())) return;
    ObjectNode liveL = CanonicalJson.object();
    liveLabels.forEach(liveL::put);
    JsonNode appliedL = st.spec().path("labels");
    if (appliedL.equals(after.get("labels"))) {
      reasons.add("labels changed outside Poolform");
      drift.add(
          new Drift(pool.address(), "labels", appliedL, liveL, "labels changed outside Poolform"));
      addDiff("labels", liveL, after.get("labels"));
    } else {
      reasons.add("labels changed");
    }
    if (action == Action.NOOP) action = Action.UPDATE;
  }

  /**
   * The group's ownership tags against this pool and lineage. They differ after {@code pool state
   * mv} or a {@code moved} block (the group still names its old address), and after {@code pool
   * import} of a group made outside Poolform or claimed by another lineage ({@code --force}): apply
   * retags the group, so that the cloud says which pool of which state it is.
   */
  private void ownership() {
    boolean retag = false;
    retag |= ownershipTag(PoolSpecs.TAG_ADDRESS, pool.address());
    retag |= ownershipTag(PoolSpecs.TAG_LINEAGE, lineage);
    if (!retag) return;
    String was = g.tags().get(PoolSpecs.TAG_ADDRESS);
    reasons.add(
        was == null
            ? "group " + st.group().name() + " has no Poolform tags: apply tags it"
            : was.equals(pool.address())
                ? "group " + st.group().name() + " is tagged with another lineage: apply retags it"
                : "group "
                    + st.group().name()
                    + " is still tagged as "
                    + was
                    + ": apply retags it as "
                    + pool.address());
    if (action == Action.NOOP) action = Action.UPDATE;
  }

  private boolean ownershipTag(String key, String want) {
    String live = g.tags().get(key);
    if (want.equals(live)) return false;
    JsonNode old =
        live == null
            ? com.fasterxml.jackson.databind.node.MissingNode.getInstance()
            : CanonicalJson.NODES.textNode(live);
    diffs.add(new AttributeDiff("tags." + key, old, CanonicalJson.NODES.textNode(want), false));
    return true;
  }

  /** Settings only Poolform reads (rollout, health, after): state changes, the cloud does not. */
  private void poolformSettings() {
    for (AttributeDiff d : diffs) {
      String p = d.path();
      if (p.equals("name")) {
        // A cloud group cannot be renamed: the group keeps its name until a replace makes a new
        // one. Names are not shown as attribute changes, so the reason says what happened.
        reasons.add(
            "pool `"
                + d.oldValue().asText()
                + "` is now called `"
                + d.newValue().asText()
                + "` (its state entry was moved): the cloud group keeps its name `"
                + st.group().name()
                + "`, nothing is recreated");
        if (action == Action.NOOP) action = Action.UPDATE;
      } else if (p.startsWith("rollout") || p.startsWith("health") || p.startsWith("after")) {
        reasons.add(p + " changed");
        if (action == Action.NOOP) action = Action.UPDATE;
      }
    }
  }

  /** Anything else configured differently where the cloud already matches: only state changes. */
  private void stateOnly() {
    if (action == Action.NOOP && !TreeDiff.diff(st.spec(), after).isEmpty()) {
      reasons.add(
          "the configuration changed where the cloud already matches it: only state is updated");
      action = Action.UPDATE;
    }
  }

  /** Health repair, unless a rollout replaces every machine anyway. */
  private void repair(Optional<List<ObservedMachine>> machines, Instant now) {
    if (machines.isEmpty() || pool.health().equals(IrHealth.NONE) || action == Action.ROLLOUT)
      return;
    targets = HealthRepair.targets(pool, machines.get(), now, reasons);
    if (!targets.isEmpty() && action == Action.NOOP) action = Action.REPAIR;
  }

  /** Adds a diff the configuration alone did not show (drift), unless that path already has one. */
  private void addDiff(String path, JsonNode old, JsonNode neu) {
    if (diffs.stream().noneMatch(d -> d.path().equals(path) || d.path().startsWith(path + "."))) {
      diffs.add(
          new AttributeDiff(path, old, neu, ValueJson.isDigest(old) || ValueJson.isDigest(neu)));
    }
  }
}
