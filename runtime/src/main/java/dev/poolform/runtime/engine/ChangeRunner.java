package dev.poolform.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poolform.ir.IrCloud;
import dev.poolform.ir.IrPool;
import dev.poolform.runtime.Instants;
import dev.poolform.runtime.plan.Action;
import dev.poolform.runtime.plan.AttributeDiff;
import dev.poolform.runtime.plan.PoolChange;
import dev.poolform.runtime.provider.CapacityRequest;
import dev.poolform.runtime.provider.CloudSession;
import dev.poolform.runtime.provider.GroupRef;
import dev.poolform.runtime.provider.GroupSpec;
import dev.poolform.runtime.provider.ObservedMachine;
import dev.poolform.runtime.provider.ProviderException;
import dev.poolform.runtime.spec.PoolSpecs;
import dev.poolform.runtime.state.ResourceState;
import dev.poolform.runtime.state.StateException;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Carries out one pool's change: every step its diffs call for, with state written after each.
 * Creates and in-place changes are here; {@link RolloutStep}, {@link ReplaceStep} and {@link
 * DeleteSteps} carry out the rest.
 */
final class ChangeRunner {
  private final ChangeContext cc;
  private final StepContext ctx;
  private final Map<String, String> createTokens;
  private final RolloutStep rollouts;
  private final ReplaceStep replaces;
  private final DeleteSteps deletes;
  private final RepairStep repairs;

  ChangeRunner(
      Sessions sessions,
      StepContext ctx,
      Map<String, IrCloud> clouds,
      Map<String, String> createTokens) {
    this.cc = new ChangeContext(sessions, ctx, clouds);
    this.ctx = ctx;
    this.createTokens = createTokens;
    this.rollouts = new RolloutStep(cc);
    this.replaces = new ReplaceStep(cc);
    this.deletes = new DeleteSteps(cc);
    this.repairs = new RepairStep(cc);
  }

  /**
   * Runs the change; returns a sentence for the summary. When it fails, the reason is kept with the
   * work the pool still owes, for the next plan to show.
   */
  String run(PoolChange c, IrPool pool) throws ProviderException, StepFailure, StateException {
    Instant started = ctx.now();
    try {
      String cleaned = deletes.strays(c);
      if (c.action() == Action.DELETE && c.group().isEmpty()) return cleaned;
      String done = act(c, pool);
      return cleaned.isEmpty() ? done : cleaned + "; " + done;
    } catch (StepFailure | ProviderException e) {
      // A rollout keeps its own record in state; a delete leaves nothing to finish but itself.
      if (c.action() != Action.DELETE && c.action() != Action.ROLLOUT)
        cc.recordFailure(c.address(), c.action().text(), started, e.getMessage());
      throw e;
    }
  }

  private String act(PoolChange c, IrPool pool)
      throws ProviderException, StepFailure, StateException {
    switch (c.action()) {
      case CREATE:
        return create(pool);
      case DELETE:
        return deletes.delete(c);
      case REPLACE:
        return replaces.replace(c, pool);
      default:
        return converge(c, pool);
    }
  }

  private String create(IrPool pool) throws ProviderException, StepFailure, StateException {
    CloudSession session = cc.sessions.open(pool.cloud());
    String hash = PoolSpecs.machineHash(pool);
    // A retried create keeps its token, and with it its group's name.
    String token = createTokens.getOrDefault(pool.address(), UUID.randomUUID().toString());
    String name = GroupNames.forCreate(ctx.intents().persister().current(), pool, token);
    GroupSpec spec = cc.groupSpec(ChangeContext.copy(pool, name, pool.machine()), hash);
    CapacityRequest cap = ChangeContext.capacity(pool);
    // The entry is recorded owing the create: until its machines are available, the next plan
    // (after a failure or a kill) shows what is still to do, and dependents keep waiting.
    GroupRef ref =
        ctx.intents()
            .call(
                "create",
                pool.address(),
                name,
                token,
                t -> session.create(spec, cap, t),
                (s, r) ->
                    cc.owe(pool.address(), "create")
                        .apply(s.withResource(cc.resource(pool, r, hash))));
    cc.awaitCapacity(session, pool, ChangeContext.ref(pool.address(), ref), hash, Set.of());
    settle(pool, hash);
    cc.observe(session, pool.address());
    return "created group " + ref.name();
  }

  /** The pool is at its spec: state records the applied spec and that nothing is owed. */
  private void settle(IrPool pool, String hash) throws StateException {
    ctx.intents()
        .persister()
        .update(
            s ->
                s.withResource(
                    ChangeContext.current(s, pool.address())
                        .withSpec(PoolSpecs.specOf(pool), hash)
                        .withRollout(Optional.empty())
                        .withOwed(Optional.empty())));
  }

  private String converge(PoolChange c, IrPool pool)
      throws ProviderException, StepFailure, StateException {
    CloudSession session = cc.sessions.open(pool.cloud());
    String address = pool.address();
    String hash = PoolSpecs.machineHash(pool);
    if (c.adopt().isPresent()) {
      // A group a killed create made: recorded owing that create, which this step sees through.
      GroupRef r = ChangeContext.ref(address, c.adopt().get());
      JsonNode before = c.before();
      ctx.intents()
          .persister()
          .update(
              s ->
                  cc.owe(address, "adopt")
                      .apply(
                          s.withResource(
                              cc.resource(pool, r, hash)
                                  .withSpec(before, c.action() == Action.ROLLOUT ? "" : hash))));
    }
    ResourceState st = cc.current(address);
    GroupRef ref = st.group();
    GroupSpec spec = cc.groupSpec(pool, hash);
    StringBuilder detail = new StringBuilder();
    Set<String> known = null;

    // `tags.poolform:*` diffs: the group's ownership tags name another address or lineage.
    boolean retag = touches(c, "tags");
    if (touches(c, "labels") || retag) {
      ctx.intents()
          .run("update-metadata", address, ref.name(), () -> session.updateMetadata(ref, spec));
      detail.append(touches(c, "labels") ? "labels updated; " : "group retagged; ");
    }
    if (c.action() == Action.ROLLOUT) {
      detail.append(rollouts.rollout(session, pool, st, spec, hash)).append("; ");
    } else {
      if (touches(c, "capacity")) {
        known = machineIds(session, ref);
        CapacityRequest cap = ChangeContext.capacity(pool);
        ctx.intents()
            .run(
                "set-capacity",
                address,
                ref.name(),
                cc.owe(address, "scale"),
                () -> session.setCapacity(ref, cap));
        detail.append("capacity set to ").append(describe(cap)).append("; ");
      }
      if (!c.repairTargets().isEmpty())
        detail.append(repairs.repair(session, pool, ref, c.repairTargets())).append("; ");
      if (c.action() == Action.RESUME) detail.append(resumed(st)).append("; ");
    }
    cc.awaitCapacity(session, pool, ref, hash, known);
    settle(pool, hash);
    cc.observe(session, address);
    String d = detail.toString().replaceAll("; $", "");
    return d.isEmpty()
        ? (c.adopt().isPresent() ? "adopted group " + ref.name() : "state updated")
        : d;
  }

  /** What a resumed pool finished, for the summary. */
  private static String resumed(ResourceState st) {
    return st.owed()
        .map(w -> "finished the " + w.step() + " started at " + Instants.text(w.since()))
        .orElse("machines available");
  }

  /** The machines a group has before a step launches more: not reported as launched by it. */
  private static Set<String> machineIds(CloudSession session, GroupRef ref)
      throws ProviderException {
    Set<String> ids = new HashSet<>();
    for (ObservedMachine m : session.machines(ref)) ids.add(m.id());
    return ids;
  }

  private static String describe(CapacityRequest c) {
    return "min "
        + c.min()
        + ", max "
        + c.max()
        + (c.desired().isPresent() ? ", desired " + c.desired().getAsLong() : "");
  }

  private static boolean touches(PoolChange c, String prefix) {
    for (AttributeDiff d : c.diffs()) {
      if (d.path().equals(prefix) || d.path().startsWith(prefix + ".")) return true;
    }
    return false;
  }
}
