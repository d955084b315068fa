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
import java.util.ArrayList;
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

  private final long minAvailable;
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
  private Instant lastBatch;
  private int retired;

  RollingReplacement(
      StepContext ctx,
      CloudSession session,
      GroupRef ref,
      IrRollout rollout,
      String toHash,
      long desired,
      CapacityRequest finalCapacity,
      int priorFailures,
      RolloutEngine.FailureSink sink) {
    this.ctx = ctx;
    this.session = session;
    this.ref = ref;
    this.address = ref.address();
    this.rollout = rollout;
    this.toHash = toHash;
    this.desired = desired;
    this.finalCapacity = finalCapacity;
    this.sink = sink;
    long surge = rollout.maxSurge().resolveUp(desired);
    long unavailable = rollout.maxUnavailable().resolveDown(desired);
    if (surge == 0 && unavailable == 0) surge = 1; // the compiler rejects this (E0403); never stall
    this.minAvailable = Math.max(0, desired - unavailable);
    this.maxTotal = desired + surge;
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
    Duration minReady = rollout.minReady();
    int availNew = c.availableNew(now, minReady);
    int available = availNew + c.availableOld(now, minReady);
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
   * Step 2: lets the cloud launch new machines, old + new at most {@code desired + max_surge}.
   * Desired is only ever raised here: lowering it would let the cloud pick which machines to kill.
   */
  void surge(Census c) throws ProviderException, StepFailure, StateException {
    long newTarget = Math.max(0, Math.min(desired, maxTotal - c.olds().size()));
    long wantDesired = c.olds().size() + Math.max(newTarget, c.news().size());
    if (wantDesired > liveDesired()) {
      CapacityRequest up = new CapacityRequest(tmpMin, tmpMax, OptionalLong.of(wantDesired));
      ctx.intents().run("set-capacity", address, ref.name(), () -> session.setCapacity(ref, up));
    }
  }

  /**
   * Step 3: retires old machines, unavailable ones first (they serve nothing), then available ones
   * by {@code delete_order} while {@code available >= desired - max_unavailable} holds after the
   * termination. A batch of available ones starts {@code pause}.
   */
  void retire(Census c, Available a, Instant now)
      throws ProviderException, StepFailure, StateException {
    boolean paused = lastBatch != null && lastBatch.plus(rollout.pause()).isAfter(now);
    if (paused || c.olds().isEmpty()) return;
    Duration minReady = rollout.minReady();
    List<ObservedMachine> down = RetireOrder.down(c.olds(), now, minReady);
    List<ObservedMachine> retire = new ArrayList<>(down);
    long room = a.total() - minAvailable;
    List<ObservedMachine> up =
        RetireOrder.order(
            c.olds().stream().filter(m -> m.availableAt(now, minReady)).toList(), rollout, random);
    for (ObservedMachine m : up) {
      if (room <= 0) break;
      retire.add(m);
      room--;
    }
    if (retire.isEmpty()) return;
    terminate(retire, true, now, "rollout");
    retired += retire.size();
    if (retire.size() > down.size()) lastBatch = now;
  }

  /** Terminates machines under an intent and reports each as retired for {@code why}. */
  private void terminate(List<ObservedMachine> machines, boolean decrement, Instant now, String why)
      throws ProviderException, StepFailure, StateException {
    List<String> ids = machines.stream().map(ObservedMachine::id).toList();
    ctx.intents().run("terminate", address, ref.name(), () -> terminateUnlessGone(ids, decrement));
    gone.addAll(ids);
    for (String id : ids) ctx.emit(new ApplyEvent.MachineRetired(now, address, id, why));
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
