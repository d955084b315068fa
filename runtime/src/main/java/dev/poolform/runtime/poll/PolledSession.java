package dev.poolform.runtime.poll;

import dev.poolform.ir.IrCapacity;
import dev.poolform.ir.IrRollout;
import dev.poolform.runtime.provider.CapacityRequest;
import dev.poolform.runtime.provider.CloudIdentity;
import dev.poolform.runtime.provider.CloudRolloutStatus;
import dev.poolform.runtime.provider.CloudRollouts;
import dev.poolform.runtime.provider.CloudSession;
import dev.poolform.runtime.provider.GroupRef;
import dev.poolform.runtime.provider.GroupSpec;
import dev.poolform.runtime.provider.Observation;
import dev.poolform.runtime.provider.ObservedGroup;
import dev.poolform.runtime.provider.ObservedMachine;
import dev.poolform.runtime.provider.ProviderException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A cloud session whose waits share one poller ({@link GroupPoller}): {@link #machines} is answered
 * from the poller's batched looks, {@link #read} from them where a look is fresh enough and from
 * the cloud for the rest, and every write tells the poller that the group changed. Everything else
 * goes straight to the cloud. The engine does not know the difference.
 */
public final class PolledSession implements CloudSession {
  private final CloudSession cloud;
  private final GroupPoller poller;

  /**
   * Polls {@code cloud} every {@code period} (the apply's poll interval) while steps wait on it.
   *
   * @param name for the poller thread's name
   */
  public PolledSession(CloudSession cloud, Duration period, String name) {
    this.cloud = cloud;
    this.poller = new GroupPoller(cloud, period, name);
  }

  /** Ticks the poller has made (each one {@link CloudSession#observe} call). */
  public int ticks() {
    return poller.calls();
  }

  @Override
  public Map<String, ObservedGroup> read(Collection<GroupRef> refs) throws ProviderException {
    Map<String, ObservedGroup> out = new LinkedHashMap<>();
    List<GroupRef> rest = new ArrayList<>();
    for (GroupRef r : refs) {
      Optional<Optional<ObservedGroup>> seen = poller.group(r);
      if (seen.isEmpty()) rest.add(r);
      else seen.get().ifPresent(g -> out.put(r.address(), g));
    }
    if (!rest.isEmpty()) out.putAll(cloud.read(rest));
    return out;
  }

  @Override
  public List<ObservedMachine> machines(GroupRef ref) throws ProviderException {
    return poller.machines(ref);
  }

  @Override
  public Observation observe(Collection<GroupRef> groups, Collection<GroupRef> withMachines)
      throws ProviderException {
    return cloud.observe(groups, withMachines);
  }

  @Override
  public List<ObservedGroup> findOwned(String lineage) throws ProviderException {
    return cloud.findOwned(lineage);
  }

  @Override
  public GroupRef create(GroupSpec spec, CapacityRequest capacity, String idempotencyToken)
      throws ProviderException {
    GroupRef ref = cloud.create(spec, capacity, idempotencyToken);
    poller.wrote(ref);
    return ref;
  }

  @Override
  public void updateModel(GroupRef ref, GroupSpec spec) throws ProviderException {
    write(ref, () -> cloud.updateModel(ref, spec));
  }

  @Override
  public void updateMetadata(GroupRef ref, GroupSpec spec) throws ProviderException {
    write(ref, () -> cloud.updateMetadata(ref, spec));
  }

  /**
   * Skipped when the newest look, taken after the last write to the group, already shows these
   * sizes: a rollout's "widen the bounds" and "restore the capacity" steps usually change nothing,
   * and a skipped write keeps that look good for the reads that follow.
   */
  @Override
  public void setCapacity(GroupRef ref, CapacityRequest capacity) throws ProviderException {
    Optional<Optional<ObservedGroup>> seen = poller.group(ref);
    if (seen.isPresent() && seen.get().isPresent() && shows(seen.get().get(), capacity)) return;
    write(ref, () -> cloud.setCapacity(ref, capacity));
  }

  private static boolean shows(ObservedGroup g, CapacityRequest c) {
    return g.min() == c.min()
        && g.max() == c.max()
        && (c.desired().isEmpty() || g.desired() == c.desired().getAsLong());
  }

  @Override
  public void terminate(GroupRef ref, List<String> machineIds, boolean decrementDesired)
      throws ProviderException {
    write(ref, () -> cloud.terminate(ref, machineIds, decrementDesired));
  }

  /** Changes nothing a read reports (sizes, machines, spec, tags): earlier looks stay good. */
  @Override
  public boolean suspendRebalancing(GroupRef ref) throws ProviderException {
    return cloud.suspendRebalancing(ref);
  }

  /** Changes nothing a read reports: earlier looks stay good. */
  @Override
  public void resumeRebalancing(GroupRef ref) throws ProviderException {
    cloud.resumeRebalancing(ref);
  }

  @Override
  public void delete(GroupRef ref) throws ProviderException {
    write(ref, () -> cloud.delete(ref));
  }

  @Override
  public void release(GroupRef ref) throws ProviderException {
    try {
      cloud.release(ref);
    } finally {
      poller.wrote(ref);
    }
  }

  @Override
  public Optional<CloudIdentity> identity() throws ProviderException {
    return cloud.identity();
  }

  @Override
  public Optional<ObservedGroup> adopt(String cloudId) throws ProviderException {
    return cloud.adopt(cloudId);
  }

  @Override
  public Optional<CloudRollouts> cloudRollouts() {
    return cloud.cloudRollouts().map(Rollouts::new);
  }

  @Override
  public List<dev.poolform.runtime.provider.CloudEvent> recentEvents(
      Collection<GroupRef> groups, java.time.Instant since) throws ProviderException {
    return cloud.recentEvents(groups, since);
  }

  /** The cloud's rollouts; starting and cancelling one are writes to the group. */
  private final class Rollouts implements CloudRollouts {
    private final CloudRollouts rollouts;

    Rollouts(CloudRollouts rollouts) {
      this.rollouts = rollouts;
    }

    @Override
    public String start(GroupRef ref, IrRollout rollout, IrCapacity capacity)
        throws ProviderException {
      return written(ref, () -> rollouts.start(ref, rollout, capacity));
    }

    @Override
    public Optional<CloudRolloutStatus> status(GroupRef ref) throws ProviderException {
      return rollouts.status(ref);
    }

    @Override
    public void cancel(GroupRef ref) throws ProviderException {
      write(ref, () -> rollouts.cancel(ref));
    }
  }

  @Override
  public void close() {
    poller.close();
    cloud.close();
  }

  /** A write to a group. */
  @FunctionalInterface
  private interface Write {
    void run() throws ProviderException;
  }

  /** A write to a group that answers something. */
  @FunctionalInterface
  private interface Call<T> {
    T run() throws ProviderException;
  }

  /**
   * Runs a write to {@code ref}; whether it worked or not, earlier looks at the group are stale.
   */
  private void write(GroupRef ref, Write w) throws ProviderException {
    written(
        ref,
        () -> {
          w.run();
          return null;
        });
  }

  private <T> T written(GroupRef ref, Call<T> call) throws ProviderException {
    try {
      return call.run();
    } finally {
      poller.wrote(ref);
    }
  }
}
