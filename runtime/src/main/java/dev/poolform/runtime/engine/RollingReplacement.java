package dev.poolform.runtime.engine;

import dev.poolform.ir.IrRollout;
import dev.poolform.runtime.event.ApplyEvent;
import dev.poolform.runtime.provider.CapacityRequest;
import dev.poolform.runtime.provider.CloudSession;
import dev.poolform.runtime.provider.GroupRef;
import dev.poolform.runtime.provider.ObservedGroup;
import dev.poolform.runtime.provider.ObservedMachine;
import dev.poolform.runtime.provider.ObservedMachine.MachineState;
import dev.poolform.runtime.provider.ProviderException;
import dev.poolform.runtime.state.StateException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;

/**
 * One run of {@link RolloutEngine}: the limits worked out once from the rollout settings, what the
 * run has done so far, and one method a step of the loop. Nothing here is persisted except the
 * failure count; everything else is read again from the cloud, so a resumed run continues from what
 * the cloud shows.
 */
final class RollingReplacement {
  private final StepContext ctx;
  private final CloudSession session;
  private final GroupRef ref;
  private final String address;
  private final IrRollout rollout;
  private final String toHash;
  private final long desired;
  private final CapacityRequest finalCapacity;
  private final RolloutEngine.FailureSink sink;
  private final Duration oldMinReady;

  private final long minAvailable;
  private final long batchSize;
  private final long maxTotal;
  private final long tmpMin;
  private final long tmpMax;
  private final Instant deadline;
  private final int budget;
  private final Random random;

  private int failures;
  private Set<String> known;
  // Machines we terminated: some clouds list them a while longer; never count or kill them twice.
  private final Set<String> gone = new HashSet<>();
  private int retired;
  // With a pause, the rollout goes in batches: the number of new machines the current batch brings
  // the pool to (null between batches), and the end of the bake after the last batch was healthy.
  private Long batchTarget;
  private Instant bakeUntil;
  // What this poll's step knows of the group's desired size (once desiredKnown): it lies
  // in [desiredFloor, desiredCeiling]. A step retires before it surges, and a read right after its
  // own termination finds the poll's look stale and goes to the cloud (200 of the 253 reads of the
  // 100-pool AWS rollout benchmark); so the size is read while the look is fresh and each
  // termination of n machines lowers the floor by n (it decrements by n at most, fewer when some
  // were already gone).
  private boolean desiredKnown;
  private long desiredFloor;
  private long desiredCeiling;

  RollingReplacement(
      StepContext ctx,
      CloudSession session,
      GroupRef ref,
      IrRollout rollout,
      String toHash,
      long desired,
      CapacityRequest finalCapacity,
      int priorFailures,
      RolloutEngine.FailureSink sink,
      Duration oldMinReady) {
    this.ctx = ctx;
    this.session = session;
    this.ref = ref;
    this.address = ref.address();
    this.rollout = rollout;
    this.toHash = toHash;
    this.desired = desired;
    this.finalCapacity = finalCapacity;
    this.sink = sink;
    this.oldMinReady = oldMinReady;
    long surge = rollout.maxSurge().resolveUp(desired);
    long unavailable = rollout.maxUnavailable().resolveDown(desired);
    if (surge == 0 && unavailable == 0) surge = 1; // the compiler rejects this (E0403); never stall
    this.minAvailable = Math.max(0, desired - unavailable);
    this.maxTotal = desired + surge;
    this.batchSize = Math.max(1, surge + unavailable);
    this.deadline = ctx.now().plus(rollout.timeout());
    this.budget = ctx.options().failureBudget(desired);
    this.failures = priorFailures;
    this.random = new Random(address.hashCode());
    // Room for the surge above, and for retiring below min while new machines warm up.
    this.tmpMin = Math.min(finalCapacity.min(), minAvailable);
    this.tmpMax = Math.max(finalCapacity.max(), maxTotal);
  }

  /** Widens min/max so the surge fits and old machines may go before new ones are ready. */
  void widenBounds() throws ProviderException, StepFailure, StateException {
    CapacityRequest bounds = new CapacityRequest(tmpMin, tmpMax, OptionalLong.empty());
    ctx.intents().run("set-capacity", address, ref.name(), () -> session.setCapacity(ref, bounds));
  }

  /** The group's machines, less those being or already terminated; reports new launches. */
  Census census(Instant now) throws ProviderException {
    List<ObservedMachine> all =
        session.machines(ref).stream()
            .filter(m -> m.state() != MachineState.TERMINATING && !gone.contains(m.id()))
            .toList();
    if (known == null) {
      known = new HashSet<>();
      for (ObservedMachine m : all) known.add(m.id());
    }
    for (ObservedMachine m : all) {
      if (known.add(m.id()) && Census.isNew(m, toHash)) {
        ctx.emit(new ApplyEvent.MachineLaunched(now, address, m.id(), toHash));
      }
    }
    return Census.of(all, toHash);
  }

  /** Step 1: new machines that will never become healthy are replaced, within the budget. */
  void replaceFailed(Census c, Instant now) throws ProviderException, StepFailure, StateException {
    List<ObservedMachine> failed =
        c.news().stream().filter(m -> m.state() == MachineState.FAILED).toList();
    if (failed.isEmpty()) return;
    failures += failed.size();
    sink.failedLaunches(failures);
    if (failures > budget) {
      throw new StepFailure(
          failures
              + " new machines failed to boot (the limit is "
              + budget
              + "); the rollout stopped with "
              + c.olds().size()
              + " old machines left",
          "machine");
    }
    terminate(failed, false, now, "failed");
    c.news().removeAll(failed);
  }

  /** Machines healthy for {@code min_ready} in one poll: the new ones, and all. */
  record Available(int news, int total) {}

  /** Counts the available machines and reports how far the rollout is. */
  Available progress(Census c, Instant now) {
    int availNew = c.availableNew(now, rollout.minReady());
    int available = availNew + c.availableOld(now, oldMinReady);
    int percent = desired == 0 ? 100 : (int) Math.min(100, availNew * 100L / desired);
    ctx.emit(
        new ApplyEvent.RolloutProgress(
            now, address, c.news().size(), c.olds().size(), available, desired, percent));
    return new Available(availNew, available);
  }

  /** Done: every machine new and {@code desired} of them available. */
  boolean done(Census c, Available a) {
    return c.olds().isEmpty() && a.news() >= desired;
  }

  /**
   * Step 4: trims new machines above desired; once none are left, restores min/max/desired.
   *
   * @return the summary sentence, or null while surplus machines are still going
   */
  String finish(Census c, Instant now) throws ProviderException, StepFailure, StateException {
    if (c.news().size() > desired) {
      List<ObservedMachine> surplus =
          RetireOrder.surplus(
              c.news(),
              (int) (c.news().size() - desired),
              now,
              rollout.minReady(),
              rollout,
              random);
      terminate(surplus, true, now, "rollout");
      return null;
    }
    ctx.intents()
        .run("set-capacity", address, ref.name(), () -> session.setCapacity(ref, finalCapacity));
    return "rolled " + Counted.machines(desired) + " to the new spec (" + retired + " retired)";
  }

  void checkDeadline(Census c, Available a, Instant now) throws StepFailure {
    if (!now.isAfter(deadline)) return;
    throw new StepFailure(
        "rollout did not finish within rollout.timeout ("
            + Durations.text(rollout.timeout())
            + "): "
            + a.news()
            + " of "
            + desired
            + " new machines available, "
            + c.olds().size()
            + " old left",
        "rollout.timeout");
  }

  /**
   * Steps 2 and 3 for one poll. Old machines that serve nothing are retired at any time. With a
   * {@code pause}, the rest goes in batches of {@code max_surge + max_unavailable} machines: a
   * batch launches its new machines and retires the old ones they stand in for, and once its new
   * machines are available the rollout bakes for {@code pause} before the next batch launches
   * anything.
   */
  void step(Census c, Available a, Instant now)
      throws ProviderException, StepFailure, StateException {
    desiredKnown = false;
    retireDown(c, now);
    if (rollout.pause().isZero()) {
      retire(c, a.total(), 0, now);
      surge(c, desired);
      return;
    }
    if (bakeUntil != null && now.isBefore(bakeUntil)) return;
    if (batchTarget == null) batchTarget = Math.min(desired, c.news().size() + batchSize);
    long floor = desired - batchTarget;
    retire(c, a.total(), floor, now);
    if (a.news() >= batchTarget && c.olds().size() <= floor) {
      batchTarget = null;
      if (!c.olds().isEmpty()) {
        bakeUntil = now.plus(rollout.pause());
        ctx.emit(
            new ApplyEvent.Message(
                now,
                address,
                a.news()
                    + " of "
                    + desired
                    + " new machines available; pausing "
                    + Durations.text(rollout.pause())
                    + " (rollout.pause) before the next batch"));
      }
      return;
    }
    surge(c, batchTarget);
  }

  /**
   * Lets the cloud launch new machines, old + new at most {@code desired + max_surge} and new at
   * most {@code target}. Desired is only ever raised here: lowering it would let the cloud pick
   * which machines to kill.
   */
  private void surge(Census c, long target) throws ProviderException, StepFailure, StateException {
    long newTarget = Math.max(0, Math.min(target, maxTotal - c.olds().size()));
    long wantDesired = c.olds().size() + Math.max(newTarget, c.news().size());
    if (raises(wantDesired)) {
      CapacityRequest up = new CapacityRequest(tmpMin, tmpMax, OptionalLong.of(wantDesired));
      ctx.intents().run("set-capacity", address, ref.name(), () -> session.setCapacity(ref, up));
    }
    desiredKnown = false;
  }

  /**
   * Whether {@code want} is above the group's desired size. Known without a read when it is at most
   * the step's floor (no raise needed) or at least its ceiling (setting it never lowers the size);
   * in between, only the cloud can tell.
   */
  private boolean raises(long want) throws ProviderException {
    if (!desiredKnown) knowDesired();
    if (want <= desiredFloor) return false;
    if (want >= desiredCeiling) return true;
    return want > liveDesired();
  }

  /** Reads the desired size (from the poll's look while the step has not written yet). */
  private void knowDesired() throws ProviderException {
    long d = liveDesired();
    desiredFloor = d;
    desiredCeiling = d;
    desiredKnown = true;
  }

  /** Old machines that serve nothing go first and at any time: failed, unhealthy, booting. */
  private void retireDown(Census c, Instant now)
      throws ProviderException, StepFailure, StateException {
    List<ObservedMachine> down = RetireOrder.down(c.olds(), now, oldMinReady);
    if (down.isEmpty()) return;
    retireInStep(down, now);
    retired += down.size();
    c.olds().removeAll(down);
  }

  /**
   * Retires available old machines by {@code delete_order} while {@code available >= desired -
   * max_unavailable} holds after the termination, keeping at least {@code floor} old ones (those a
   * later batch replaces). Old machines count as available once healthy for the smaller of the
   * {@code min_ready} they were launched under and the new one: raising {@code min_ready} in the
   * same change never turns serving machines into ones to retire first.
   */
  private void retire(Census c, long available, long floor, Instant now)
      throws ProviderException, StepFailure, StateException {
    long room = Math.min(available - minAvailable, c.olds().size() - floor);
    if (room <= 0) return;
    List<ObservedMachine> up =
        RetireOrder.order(
            c.olds().stream().filter(m -> m.availableAt(now, oldMinReady)).toList(),
            rollout,
            random);
    List<ObservedMachine> retire = up.subList(0, (int) Math.min(room, up.size()));
    if (retire.isEmpty()) return;
    List<ObservedMachine> batch = List.copyOf(retire);
    retireInStep(batch, now);
    retired += batch.size();
    c.olds().removeAll(batch);
  }

  /** Retires old machines during a step, decrementing desired by at most their number. */
  private void retireInStep(List<ObservedMachine> machines, Instant now)
      throws ProviderException, StepFailure, StateException {
    if (!desiredKnown) knowDesired();
    terminate(machines, true, now, "rollout");
    desiredFloor -= machines.size();
  }

  /** Terminates machines under an intent and reports each as retired for {@code why}. */
  private void terminate(List<ObservedMachine> machines, boolean decrement, Instant now, String why)
      throws ProviderException, StepFailure, StateException {
    List<String> ids = machines.stream().map(ObservedMachine::id).toList();
    ctx.intents().run("terminate", address, ref.name(), () -> terminateUnlessGone(ids, decrement));
    gone.addAll(ids);
    for (ObservedMachine m : machines) {
      Duration warmUp = Census.isNew(m, toHash) ? rollout.minReady() : oldMinReady;
      ctx.emit(
          new ApplyEvent.MachineRetired(now, address, m.id(), why, m.availableAt(now, warmUp)));
    }
  }

  /**
   * A machine may vanish between the poll and the call (the cloud replaced a failed one itself);
   * that is not a failure: the next poll shows what is left.
   */
  private void terminateUnlessGone(List<String> ids, boolean decrement) throws ProviderException {
    try {
      session.terminate(ref, ids, decrement);
    } catch (ProviderException e) {
      if (e.kind() != ProviderException.Kind.NOT_FOUND) throw e;
    }
  }

  private long liveDesired() throws ProviderException {
    Map<String, ObservedGroup> r = session.read(List.of(ref));
    ObservedGroup g = r.get(ref.address());
    if (g == null) {
      throw new ProviderException(
          ProviderException.Kind.NOT_FOUND,
          "group " + ref.name() + " disappeared during the rollout");
    }
    return g.desired();
  }
}
