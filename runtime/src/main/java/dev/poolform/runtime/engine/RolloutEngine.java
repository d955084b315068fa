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
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Poolform's own rolling replacement ({@code engine = "poolform"}), written once against the SPI so
 * it means the same on every cloud. The caller has already pointed the group's model at the new
 * spec; this loop then, on every poll of {@code machines()}:
 *
 * <ol>
 *   <li>terminates new machines that FAILED (the group replaces them), up to a failure budget;
 *   <li>raises the group's desired size so that old + new = at most {@code desired + max_surge}
 *       (the cloud launches the new machines; desired is never lowered with setCapacity, which
 *       would let the cloud pick which machines to kill);
 *   <li>retires old machines with {@code terminate(..., decrementDesired=true)}: unavailable old
 *       ones first, then available ones by {@code delete_order}, only as many as keep {@code
 *       available >= desired - max_unavailable} after the termination, and only once {@code pause}
 *       has passed since the previous batch;
 *   <li>finishes when no old machine is left and {@code desired} new ones are available (healthy
 *       for {@code min_ready}), trimming any surplus and restoring min/max/desired.
 * </ol>
 *
 * Which machines are new or old is read from each machine's spec hash, so an interrupted rollout
 * continues from whatever the cloud shows.
 */
public final class RolloutEngine {
  /** Persists the count of failed launches so a resumed rollout keeps its budget. */
  @FunctionalInterface
  public interface FailureSink {
    void failedLaunches(int total) throws StateException;
  }

  private final StepContext ctx;
  private final CloudSession session;

  public RolloutEngine(StepContext ctx, CloudSession session) {
    this.ctx = ctx;
    this.session = session;
  }

  /**
   * Rolls the group until every machine runs {@code toHash}.
   *
   * @param desired the size to roll at (the live desired size under {@code desired = external})
   * @param finalCapacity what to set when done (desired empty under external)
   * @return a sentence for the summary
   */
  public String roll(
      GroupRef ref,
      IrRollout rollout,
      String toHash,
      long desired,
      CapacityRequest finalCapacity,
      int priorFailures,
      FailureSink sink)
      throws ProviderException, StepFailure, StateException {
    String address = ref.address();
    long surge = rollout.maxSurge().resolveUp(desired);
    long unavailable = rollout.maxUnavailable().resolveDown(desired);
    if (surge == 0 && unavailable == 0) surge = 1; // the compiler rejects this (E0403); never stall
    long minAvailable = Math.max(0, desired - unavailable);
    long maxTotal = desired + surge;
    Instant deadline = ctx.now().plus(rollout.timeout());
    int budget = ctx.options().failureBudget(desired);
    int failures = priorFailures;
    Random random = new Random(address.hashCode());

    // Room for the surge above, and for retiring below min while new machines warm up.
    long tmpMin = Math.min(finalCapacity.min(), minAvailable);
    long tmpMax = Math.max(finalCapacity.max(), maxTotal);
    CapacityRequest bounds = new CapacityRequest(tmpMin, tmpMax, java.util.OptionalLong.empty());
    ctx.intents().run("set-capacity", address, ref.name(), () -> session.setCapacity(ref, bounds));

    Set<String> known = null;
    // Machines we terminated: some clouds list them a while longer; never count or kill them twice.
    Set<String> gone = new HashSet<>();
    Instant lastBatch = null;
    int retired = 0;
    while (true) {
      Instant now = ctx.now();
      List<ObservedMachine> all =
          session.machines(ref).stream()
              .filter(m -> m.state() != MachineState.TERMINATING && !gone.contains(m.id()))
              .toList();
      if (known == null) {
        known = new HashSet<>();
        for (ObservedMachine m : all) known.add(m.id());
      }
      List<ObservedMachine> news = new ArrayList<>();
      List<ObservedMachine> olds = new ArrayList<>();
      for (ObservedMachine m : all) {
        if (m.specHash().map(toHash::equals).orElse(false)) news.add(m);
        else olds.add(m);
        if (known.add(m.id()) && news.contains(m)) {
          ctx.emit(new ApplyEvent.MachineLaunched(now, address, m.id(), toHash));
        }
      }

      // 1. New machines that will never become healthy: replace them, within the budget.
      List<ObservedMachine> failed =
          news.stream().filter(m -> m.state() == MachineState.FAILED).toList();
      if (!failed.isEmpty()) {
        failures += failed.size();
        sink.failedLaunches(failures);
        if (failures > budget) {
          throw new StepFailure(
              failures
                  + " new machines failed to boot (the limit is "
                  + budget
                  + "); the rollout stopped with "
                  + olds.size()
                  + " old machines left",
              "machine");
        }
        List<String> ids = failed.stream().map(ObservedMachine::id).toList();
        ctx.intents().run("terminate", address, ref.name(), () -> terminate(ref, ids, false));
        gone.addAll(ids);
        for (String id : ids) ctx.emit(new ApplyEvent.MachineRetired(now, address, id, "failed"));
        news.removeAll(failed);
      }

      Duration minReady = rollout.minReady();
      int availNew = (int) news.stream().filter(m -> m.availableAt(now, minReady)).count();
      int availOld = (int) olds.stream().filter(m -> m.availableAt(now, minReady)).count();
      int available = availNew + availOld;
      int percent = desired == 0 ? 100 : (int) Math.min(100, availNew * 100L / desired);
      ctx.emit(
          new ApplyEvent.RolloutProgress(
              now, address, news.size(), olds.size(), available, desired, percent));

      // Done: every machine new, enough of them available.
      if (olds.isEmpty() && availNew >= desired) {
        if (news.size() > desired) {
          List<ObservedMachine> surplus =
              pickSurplus(news, (int) (news.size() - desired), now, minReady, rollout, random);
          List<String> ids = surplus.stream().map(ObservedMachine::id).toList();
          ctx.intents().run("terminate", address, ref.name(), () -> terminate(ref, ids, true));
          gone.addAll(ids);
          for (String id : ids)
            ctx.emit(new ApplyEvent.MachineRetired(now, address, id, "rollout"));
          ctx.pause(ctx.options().pollInterval());
          continue;
        }
        ctx.intents()
            .run(
                "set-capacity", address, ref.name(), () -> session.setCapacity(ref, finalCapacity));
        return "rolled " + desired + " machine(s) to the new spec (" + retired + " retired)";
      }
      if (now.isAfter(deadline)) {
        throw new StepFailure(
            "rollout did not finish within rollout.timeout ("
                + fmt(rollout.timeout())
                + "): "
                + availNew
                + " of "
                + desired
                + " new machines available, "
                + olds.size()
                + " old left",
            "rollout.timeout");
      }

      // 2. Let the cloud launch new machines: total at most desired + max_surge.
      long newTarget = Math.max(0, Math.min(desired, maxTotal - olds.size()));
      long wantDesired = olds.size() + Math.max(newTarget, news.size());
      long liveDesired = liveDesired(ref);
      if (wantDesired > liveDesired) {
        CapacityRequest up =
            new CapacityRequest(tmpMin, tmpMax, java.util.OptionalLong.of(wantDesired));
        ctx.intents().run("set-capacity", address, ref.name(), () -> session.setCapacity(ref, up));
      }

      // 3. Retire old machines without going below desired - max_unavailable.
      boolean paused = lastBatch != null && lastBatch.plus(rollout.pause()).isAfter(now);
      if (!paused && !olds.isEmpty()) {
        List<ObservedMachine> retire = new ArrayList<>();
        List<ObservedMachine> down =
            olds.stream()
                .filter(m -> !m.availableAt(now, minReady))
                .sorted(
                    Comparator.comparing((ObservedMachine m) -> rank(m.state()))
                        .thenComparing(ObservedMachine::id))
                .toList();
        retire.addAll(down);
        long room = available - minAvailable;
        List<ObservedMachine> up =
            order(
                olds.stream().filter(m -> m.availableAt(now, minReady)).toList(), rollout, random);
        for (ObservedMachine m : up) {
          if (room <= 0) break;
          retire.add(m);
          room--;
        }
        if (!retire.isEmpty()) {
          List<String> ids = retire.stream().map(ObservedMachine::id).toList();
          ctx.intents().run("terminate", address, ref.name(), () -> terminate(ref, ids, true));
          gone.addAll(ids);
          for (String id : ids)
            ctx.emit(new ApplyEvent.MachineRetired(now, address, id, "rollout"));
          retired += ids.size();
          if (retire.size() > down.size()) lastBatch = now;
        }
      }
      ctx.pause(ctx.options().pollInterval());
    }
  }

  /**
   * A machine may vanish between the poll and the call (the cloud replaced a failed one itself);
   * that is not a failure: the next poll shows what is left.
   */
  private void terminate(GroupRef ref, List<String> ids, boolean decrement)
      throws ProviderException {
    try {
      session.terminate(ref, ids, decrement);
    } catch (ProviderException e) {
      if (e.kind() != ProviderException.Kind.NOT_FOUND) throw e;
    }
  }

  private long liveDesired(GroupRef ref) throws ProviderException {
    Map<String, ObservedGroup> r = session.read(List.of(ref));
    ObservedGroup g = r.get(ref.address());
    if (g == null) {
      throw new ProviderException(
          ProviderException.Kind.NOT_FOUND,
          "group " + ref.name() + " disappeared during the rollout");
    }
    return g.desired();
  }

  /** Failed and unhealthy machines go first, then booting ones. */
  private static int rank(MachineState s) {
    return switch (s) {
      case FAILED -> 0;
      case UNHEALTHY -> 1;
      case PENDING -> 2;
      case RUNNING -> 3;
      default -> 4;
    };
  }

  /** Orders retirement candidates by {@code delete_order}. */
  static List<ObservedMachine> order(List<ObservedMachine> ms, IrRollout rollout, Random random) {
    List<ObservedMachine> l = new ArrayList<>(ms);
    Comparator<ObservedMachine> oldest =
        Comparator.comparing(ObservedMachine::launchedAt).thenComparing(ObservedMachine::id);
    switch (rollout.deleteOrder()) {
      case OLDEST -> l.sort(oldest);
      case NEWEST -> l.sort(oldest.reversed());
      case RANDOM -> {
        l.sort(Comparator.comparing(ObservedMachine::id));
        java.util.Collections.shuffle(l, random);
      }
    }
    return l;
  }

  private static List<ObservedMachine> pickSurplus(
      List<ObservedMachine> news,
      int n,
      Instant now,
      Duration minReady,
      IrRollout rollout,
      Random random) {
    List<ObservedMachine> l =
        new ArrayList<>(news.stream().filter(m -> !m.availableAt(now, minReady)).toList());
    l.addAll(
        order(news.stream().filter(m -> m.availableAt(now, minReady)).toList(), rollout, random));
    return l.subList(0, n);
  }

  static String fmt(Duration d) {
    return dev.poolform.stdlib.value.Literals.formatDuration(d.toMillis());
  }
}
