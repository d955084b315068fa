package dev.poolform.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolform.ir.IrPool;
import dev.poolform.ir.json.CanonicalJson;
import dev.poolform.runtime.plan.Action;
import dev.poolform.runtime.plan.AttributeDiff;
import dev.poolform.runtime.plan.Drift;
import dev.poolform.runtime.plan.PoolChange;
import dev.poolform.runtime.plan.TreeDiff;
import dev.poolform.runtime.provider.GroupRef;
import dev.poolform.runtime.provider.ObservedGroup;
import dev.poolform.runtime.provider.ObservedMachine;
import dev.poolform.runtime.spec.PoolSpecs;
import dev.poolform.runtime.state.PendingIntent;
import dev.poolform.runtime.state.ResourceState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides the change for one configured pool from its state entry and what the cloud shows. The
 * headline action is the strongest that applies (replace > rollout > scale > resume > update >
 * repair > noop); apply carries out every step the diffs call for, not just the headline.
 */
final class PoolDiffer {
  private final Instant now;
  private final String lineage;
  private final CloudNames clouds;

  PoolDiffer(Instant now, String lineage, CloudNames clouds) {
    this.now = now;
    this.lineage = lineage;
    this.clouds = clouds;
  }

  /** What the differ found for one pool. */
  record Decision(PoolChange change, List<Drift> drift) {}

  /**
   * Why a change of one attribute needs a new group on the pool's cloud, if it does: the provider's
   * {@code CloudProvider.replaceReason}.
   */
  @FunctionalInterface
  interface ReplaceRule {
    Optional<String> reason(String path, JsonNode before, JsonNode after);
  }

  /**
   * A pool that has a state entry. A move to another cloud, a group deleted outside Poolform and a
   * changed immutable attribute each decide the change alone; otherwise the group changes in place
   * ({@link InPlaceDiff}).
   */
  Decision existing(
      IrPool pool,
      ResourceState st,
      Optional<ObservedGroup> live,
      ReplaceRule replaceRule,
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
      reasons.add(movedReason(st.cloud().key(), cloud));
      // An interrupted replace may already have created the new group: take it instead of a second
      // when it runs the configured spec (a replace does not roll machines); else it is a stray.
      Optional<GroupRef> adopt =
          adopt(unknownOwned, pool, "created on " + cloud + " by an interrupted apply", reasons);
      return new Decision(replace(pool, st, after, diffs, reasons, adopt), drift);
    }
    renamedCloud(st, pool).ifPresent(reasons::add);
    if (live.isEmpty()) return gone(pool, st, after, diffs, reasons, drift);
    List<String> replaceReasons = replaceReasons(diffs, replaceRule);
    if (!replaceReasons.isEmpty()) {
      for (String r : replaceReasons)
        reasons.add(r + ": a new group is created, then the old one deleted");
      // A replace killed after its create call left the new group untracked: take it when it
      // already runs the configured spec; any other leftover is deleted as a stray.
      Optional<GroupRef> adopt =
          adopt(unknownOwned, pool, "created by an interrupted replace", reasons);
      return new Decision(replace(pool, st, after, diffs, reasons, adopt), drift);
    }
    InPlaceDiff d =
        new InPlaceDiff(pool, st, live.get(), lineage, after, diffs, reasons, drift)
            .decide(PoolSpecs.machineHash(pool), machines, now);
    return new Decision(
        change(
            pool,
            d.action(),
            st.spec(),
            after,
            diffs,
            reasons,
            d.targets(),
            Optional.of(st.group()),
            Optional.empty()),
        drift);
  }

  /**
   * A pool whose cloud is another place. A cloud bound as {@code NAME@HASH} is the place a block of
   * that name pointed at before it was pointed elsewhere ({@link CloudBindings}).
   */
  private String movedReason(String from, String to) {
    int at = from.indexOf('@');
    if (at > 0 && from.substring(0, at).equals(to)) {
      return "cloud "
          + to
          + " now points at another place ("
          + clouds.of(from).map(i -> i.describe()).orElse(from)
          + " -> "
          + clouds.of(to).map(i -> i.describe()).orElse(to)
          + "): the pool is created there, then deleted where it was";
    }
    return "cloud changed ("
        + clouds.describe(from)
        + " -> "
        + clouds.describe(to)
        + "): the pool is created on the new cloud, then deleted from the old one";
  }

  /** The cloud block was renamed; it points at the same place, so only state changes. */
  private Optional<String> renamedCloud(ResourceState st, IrPool pool) {
    String was = st.spec().path("cloud").path("name").asText(pool.cloud().name());
    if (was.equals(pool.cloud().name())) return Optional.empty();
    return Optional.of(
        "cloud `"
            + was
            + "` is now called `"
            + pool.cloud().name()
            + "` and points at the same place"
            + clouds.of(Sessions.key(pool.cloud())).map(i -> ", " + i.describe()).orElse("")
            + ": nothing in the cloud changes");
  }

  /** The group was deleted outside Poolform: drift, and a create brings it back. */
  private static Decision gone(
      IrPool pool,
      ResourceState st,
      ObjectNode after,
      List<AttributeDiff> diffs,
      List<String> reasons,
      List<Drift> drift) {
    reasons.add(
        "group " + st.group().name() + " no longer exists in the cloud (deleted outside Poolform)");
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

  /** Why changed attributes cannot change in place, one reason each; empty if all can. */
  private static List<String> replaceReasons(List<AttributeDiff> diffs, ReplaceRule rule) {
    List<String> out = new ArrayList<>();
    for (AttributeDiff d : diffs)
      rule.reason(d.path(), d.oldValue(), d.newValue()).ifPresent(out::add);
    return out;
  }

  /** A leftover group already on the configured machine spec, to adopt instead of creating one. */
  private static Optional<GroupRef> adopt(
      List<ObservedGroup> unknownOwned, IrPool pool, String createdBy, List<String> reasons) {
    Optional<GroupRef> adopt =
        pick(unknownOwned, PoolSpecs.machineHash(pool), true).map(ObservedGroup::ref);
    adopt.ifPresent(
        r -> reasons.add("adopting group " + r.name() + " (" + r.cloudId() + "), " + createdBy));
    return adopt;
  }

  private static PoolChange replace(
      IrPool pool,
      ResourceState st,
      ObjectNode after,
      List<AttributeDiff> diffs,
      List<String> reasons,
      Optional<GroupRef> adopt) {
    return change(
        pool,
        Action.REPLACE,
        st.spec(),
        after,
        diffs,
        reasons,
        List.of(),
        Optional.of(st.group()),
        adopt);
  }

  /**
   * A pool without a state entry: new, or created by an interrupted apply ({@code owned}). {@code
   * nameHeldBy} is what already holds the pool's group name on its cloud ({@link GroupNames}).
   */
  Decision fresh(
      IrPool pool,
      List<ObservedGroup> unknownOwned,
      List<PendingIntent> pending,
      Optional<String> nameHeldBy) {
    ObjectNode after = PoolSpecs.specOf(pool);
    Optional<ObservedGroup> owned = pick(unknownOwned, PoolSpecs.machineHash(pool), false);
    List<String> reasons = new ArrayList<>();
    pendingReasons(pending, reasons);
    if (owned.isEmpty()) {
      reasons.add(pool.address() + " is new");
      nameHeldBy.ifPresent(h -> reasons.add(GroupNames.reason(pool, h)));
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
    return adopted(pool, owned.get(), after, reasons);
  }

  /**
   * A group an interrupted apply created for a pool state does not know: adopted, and changed from
   * what the cloud has to the configuration.
   */
  private static Decision adopted(
      IrPool pool, ObservedGroup g, ObjectNode after, List<String> reasons) {
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

  static void pendingReasons(List<PendingIntent> pending, List<String> reasons) {
    for (PendingIntent p : pending) {
      reasons.add(
          "an interrupted apply left `"
              + p.operation()
              + "` of "
              + p.expectedName()
              + " unfinished (started "
              + Durations.at(p.startedAt())
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
      Optional<GroupRef> group,
      Optional<GroupRef> adopt) {
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
}
