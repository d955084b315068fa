package dev.poolform.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poolform.ir.IrCloud;
import dev.poolform.ir.IrPool;
import dev.poolform.runtime.event.ApplyEvent;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
  }

  /** Runs the change; returns a sentence for the summary. */
  String run(PoolChange c, IrPool pool) throws ProviderException, StepFailure, StateException {
    String cleaned = deletes.strays(c);
    if (c.action() == Action.DELETE && c.group().isEmpty()) return cleaned;
    String done = act(c, pool);
    return cleaned.isEmpty() ? done : cleaned + "; " + done;
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
    GroupSpec spec = cc.groupSpec(pool, hash);
    CapacityRequest cap = ChangeContext.capacity(pool);
    GroupRef ref =
        ctx.intents()
            .call(
                "create",
                pool.address(),
                pool.name(),
                createTokens.get(pool.address()),
                t -> session.create(spec, cap, t),
                (s, r) -> s.withResource(cc.resource(pool, r, hash)));
    cc.awaitCapacity(session, pool, ChangeContext.ref(pool.address(), ref), hash);
    cc.observe(session, pool.address());
    return "created group " + ref.name();
  }

  private String converge(PoolChange c, IrPool pool)
      throws ProviderException, StepFailure, StateException {
    CloudSession session = cc.sessions.open(pool.cloud());
    String address = pool.address();
    String hash = PoolSpecs.machineHash(pool);
    if (c.adopt().isPresent()) {
      GroupRef r = ChangeContext.ref(address, c.adopt().get());
      JsonNode before = c.before();
      ctx.intents()
          .persister()
          .update(
              s ->
                  s.withResource(
                      cc.resource(pool, r, hash)
                          .withSpec(before, c.action() == Action.ROLLOUT ? "" : hash)));
    }
    ResourceState st = cc.current(address);
    GroupRef ref = st.group();
    GroupSpec spec = cc.groupSpec(pool, hash);
    StringBuilder detail = new StringBuilder();

    // `tags.poolform:*` diffs: the group's ownership tags name another address or lineage.
    boolean retag = touches(c, "tags");
    if (touches(c, "labels") || retag) {
      ctx.intents()
          .run("update-metadata", address, ref.name(), () -> session.updateMetadata(ref, spec));
      detail.append(touches(c, "labels") ? "labels updated; " : "group retagged; ");
    }
    if (c.action() == Action.ROLLOUT) {
      detail.append(rollouts.rollout(session, pool, st, spec, hash));
    } else {
      if (touches(c, "capacity")) {
        CapacityRequest cap = ChangeContext.capacity(pool);
        ctx.intents().run("set-capacity", address, ref.name(), () -> session.setCapacity(ref, cap));
        detail.append("capacity set to ").append(describe(cap)).append("; ");
        cc.awaitCapacity(session, pool, ref, hash);
      }
      if (!c.repairTargets().isEmpty())
        detail.append(repair(session, pool, ref, c.repairTargets()));
    }
    ctx.intents()
        .persister()
        .update(
            s ->
                s.withResource(
                    ChangeContext.current(s, address)
                        .withSpec(PoolSpecs.specOf(pool), hash)
                        .withRollout(Optional.empty())));
    cc.observe(session, address);
    String d = detail.toString().replaceAll("; $", "");
    return d.isEmpty()
        ? (c.adopt().isPresent() ? "adopted group " + ref.name() : "state updated")
        : d;
  }

  private String repair(CloudSession session, IrPool pool, GroupRef ref, List<String> targets)
      throws ProviderException, StateException {
    List<ObservedMachine> ms = session.machines(ref);
    Set<String> still = new HashSet<>();
    for (ObservedMachine m : HealthCheck.unhealthy(ms, pool.health(), ctx.now())) still.add(m.id());
    List<String> ids = targets.stream().filter(still::contains).toList();
    if (ids.isEmpty()) return "nothing to repair any more";
    ctx.intents()
        .run("terminate", pool.address(), ref.name(), () -> session.terminate(ref, ids, false));
    for (String id : ids)
      ctx.emit(new ApplyEvent.MachineRetired(ctx.now(), pool.address(), id, "repair"));
    return "replaced " + ids.size() + " unhealthy machine(s)";
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
