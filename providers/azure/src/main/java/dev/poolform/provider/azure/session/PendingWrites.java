package dev.poolform.provider.azure.session;

import com.azure.resourcemanager.compute.fluent.models.VirtualMachineScaleSetInner;
import dev.poolform.provider.azure.connect.ScaleSetApi;
import dev.poolform.provider.azure.mapping.ScaleSetId;
import dev.poolform.runtime.provider.ObservedMachine;
import dev.poolform.runtime.provider.ProviderException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * This session's writes whose ARM operation it has not seen end. A PATCH or an instance delete
 * returns once ARM has accepted it; its end is then seen by the shared poller's next look instead
 * of polling the operation on its own (two calls per write against one shared list per tick):
 *
 * <ul>
 *   <li>a PATCH has ended when a listing taken after it shows the scale set {@code Succeeded};
 *   <li>an instance delete has done its work when the machines read after it no longer show the
 *       deleted ones;
 *   <li>a listing that shows the scale set {@code Failed} makes the session read the write's
 *       operation once ({@link ScaleSetApi.Operation#consult}) and report ITS error, at the source
 *       attribute as a waited-for write would; a failure ARM calls retryable (a busy conflict, an
 *       internal error) is sent again instead, as the {@code Retrier} does for a write it waits
 *       for;
 *   <li>what no look settled is waited for when the session closes ({@link #awaitAll}).
 * </ul>
 *
 * Writes refused outright (quota, property change, a bad value) never get here: ARM refuses them in
 * its answer to the write itself, which throws as before.
 */
final class PendingWrites {
  /** Sends a write again (its failure was retryable): the new operation. */
  @FunctionalInterface
  interface Redo {
    ScaleSetApi.Operation run() throws ProviderException;
  }

  /** How often a retryable failure of one write is sent again before it is reported. */
  static final int ATTEMPTS = 3;

  /**
   * One write: its operation, when ARM accepted it, the machines it deletes (empty for a PATCH),
   * how to send it again and how often it was sent.
   */
  record Pending(
      ScaleSetApi.Operation operation, long since, Set<String> deletes, Redo redo, int attempts) {
    Pending again(ScaleSetApi.Operation next) {
      return new Pending(next, System.nanoTime(), deletes, redo, attempts + 1);
    }
  }

  private final Map<String, List<Pending>> byScaleSet = new HashMap<>();
  private final Map<String, ProviderException> failed = new HashMap<>();

  /** A write ARM accepted: its end is to be seen. */
  synchronized void add(
      ScaleSetId id, ScaleSetApi.Operation operation, Set<String> deletes, Redo redo) {
    byScaleSet
        .computeIfAbsent(ScaleSetReads.key(id), k -> new ArrayList<>())
        .add(new Pending(operation, System.nanoTime(), Set.copyOf(deletes), redo, 1));
  }

  /**
   * This session writes to {@code id} again: a failure reported for it is history (the step that
   * writes has seen it, or writes to repair it).
   */
  synchronized void writing(ScaleSetId id) {
    failed.remove(ScaleSetReads.key(id));
  }

  /** The writes pending now, by scale set: what a look that begins now may settle. */
  synchronized Map<String, List<Pending>> snapshot() {
    Map<String, List<Pending>> out = new HashMap<>();
    byScaleSet.forEach((k, v) -> out.put(k, List.copyOf(v)));
    return out;
  }

  /**
   * Settles {@code id}'s writes of {@code before} (taken before the look began, so the look was
   * read after ARM accepted each of them) against what the look shows.
   *
   * @param listed the scale set as the look lists it; empty when it is gone (nothing is left to
   *     end)
   * @param machines its machines as the look read them, if it read them
   * @return the failure to report for it, if a write of it failed (also kept until the next write)
   */
  Optional<ProviderException> settle(
      ScaleSetId id,
      List<Pending> before,
      Optional<VirtualMachineScaleSetInner> listed,
      Optional<List<ObservedMachine>> machines) {
    String key = ScaleSetReads.key(id);
    for (Pending p : before) {
      if (listed.isEmpty()) {
        done(key, p);
        continue;
      }
      String state = listed.get().provisioningState();
      if ("Failed".equalsIgnoreCase(state)) {
        consult(key, p);
      } else if (p.deletes().isEmpty()) {
        if ("Succeeded".equalsIgnoreCase(state)) done(key, p);
      } else if (machines.isPresent() && gone(p.deletes(), machines.get())) {
        done(key, p);
      }
    }
    synchronized (this) {
      return Optional.ofNullable(failed.get(key));
    }
  }

  private static boolean gone(Set<String> deletes, List<ObservedMachine> machines) {
    for (ObservedMachine m : machines) if (deletes.contains(m.id())) return false;
    return true;
  }

  private synchronized void done(String key, Pending p) {
    List<Pending> ps = byScaleSet.get(key);
    if (ps == null) return;
    ps.remove(p);
    if (ps.isEmpty()) byScaleSet.remove(key);
  }

  private synchronized void replace(String key, Pending p, Pending next) {
    List<Pending> ps = byScaleSet.get(key);
    int i = ps == null ? -1 : ps.indexOf(p);
    if (i >= 0) ps.set(i, next);
  }

  private synchronized void fail(String key, Pending p, ProviderException e) {
    done(key, p);
    failed.put(key, e);
  }

  /**
   * One read of the write's operation: ended well, still running (kept), or failed: sent again when
   * the failure is retryable, else reported.
   */
  private void consult(String key, Pending p) {
    try {
      if (p.operation().consult()) done(key, p);
    } catch (ProviderException e) {
      if (!retryable(e) || p.attempts() >= ATTEMPTS) {
        fail(key, p, e);
        return;
      }
      try {
        replace(key, p, p.again(p.redo().run()));
      } catch (ProviderException again) {
        fail(key, p, again);
      }
    }
  }

  private static boolean retryable(ProviderException e) {
    return e.kind() == ProviderException.Kind.CONFLICT
        || e.kind() == ProviderException.Kind.TRANSIENT;
  }

  /**
   * Waits for every write no look settled (the session is closing: nothing else will see them end).
   * A failure is not thrown: the engine has finished with these pools, and the next plan reads what
   * the operation left.
   */
  void awaitAll() {
    for (Map.Entry<String, List<Pending>> e : snapshot().entrySet()) {
      for (Pending p : e.getValue()) {
        try {
          p.operation().await();
        } catch (ProviderException ignored) {
          // The engine is done with the pool; what the operation left is read by the next plan.
        } finally {
          done(e.getKey(), p);
        }
      }
    }
  }
}
