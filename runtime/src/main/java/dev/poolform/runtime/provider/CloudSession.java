package dev.poolform.runtime.provider;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The operations the engine needs from one cloud. Every method is one logical step the engine can
 * record in state before and after; providers do their own retries of throttling and transient
 * errors within a deadline, and throw {@link ProviderException} for the rest.
 *
 * <p>The engine drives rollouts through these calls ({@code engine = "poolform"}): it points new
 * launches at the new spec ({@link #updateModel}), surges with {@link #setCapacity}, watches {@link
 * #machines}, and retires old machines with {@link #terminate}.
 */
public interface CloudSession extends AutoCloseable {

  /**
   * Reads many groups at once, in as few calls as the cloud allows (AWS: 100 names per
   * DescribeAutoScalingGroups; Azure: one paged list per resource group). Groups that do not exist
   * are absent from the result, keyed by address.
   */
  Map<String, ObservedGroup> read(Collection<GroupRef> refs) throws ProviderException;

  /**
   * Finds every group tagged with this lineage, so the engine can adopt or delete what a crashed
   * apply created and lost track of (a kill between the create call and the state write). Each
   * group's {@code ref().address()} is its {@code poolform:address} tag. One address may have
   * several groups: a replace creates the new group beside the old one under the same address.
   */
  List<ObservedGroup> findOwned(String lineage) throws ProviderException;

  /**
   * A plan's read: {@link #read} of {@code refs} and {@link #findOwned} of {@code lineage}
   * together. The default makes the two calls; a cloud that can answer both from one listing (the
   * local cloud reads each group file once instead of twice) does so.
   */
  default GroupsRead readForPlan(Collection<GroupRef> refs, String lineage)
      throws ProviderException {
    return new GroupsRead(refs.isEmpty() ? Map.of() : read(refs), findOwned(lineage));
  }

  /**
   * Why {@link #create} would refuse each of a plan's new groups because another group already
   * holds its name (another configuration's, or one no configuration owns), read now: the same
   * error the create would throw, so that a plan refuses what its apply would. {@code names} maps
   * each new pool's address to the name its group would get; the answer maps the address of each
   * refused one to its error. A name that is free, or held by this pool's own group (a crashed
   * create's, which the plan adopts), is absent. Asked once per plan for all of a cloud's creates,
   * so a cloud answers from the listings its refresh made, or reads the names in batches; the
   * default (a cloud that cannot tell) refuses nothing, and its create still refuses.
   */
  default Map<String, ProviderException> createRefusals(Map<String, String> names, String lineage)
      throws ProviderException {
    return Map.of();
  }

  /** The machines of one group; only called for groups being rolled or repaired. */
  List<ObservedMachine> machines(GroupRef ref) throws ProviderException;

  /**
   * Reads {@code groups}, and the machines of those in {@code withMachines}, in as few calls as the
   * cloud allows. While steps wait, the runtime polls through this: one call per tick for every
   * group of this session a step is waiting on ({@code dev.poolform.runtime.poll}). The default
   * reads the groups in one {@link #read} and asks each group's machines on its own.
   */
  default Observation observe(Collection<GroupRef> groups, Collection<GroupRef> withMachines)
      throws ProviderException {
    Map<String, ObservedGroup> byAddress = read(groups);
    Map<String, ObservedGroup> found = new HashMap<>();
    for (GroupRef r : groups) {
      ObservedGroup g = byAddress.get(r.address());
      if (g != null && g.ref().cloudId().equals(r.cloudId())) found.put(r.cloudId(), g);
    }
    Map<String, List<ObservedMachine>> machines = new HashMap<>();
    for (GroupRef r : withMachines) {
      if (found.containsKey(r.cloudId())) machines.put(r.cloudId(), machines(r));
    }
    return new Observation(found, machines);
  }

  /**
   * True when {@link #observe} reads many groups in one call: the runtime then polls this session
   * in shared batches while steps wait, instead of letting each step read on its own.
   */
  default boolean pollsInBatches() {
    return false;
  }

  /**
   * Creates the group (and its template/model) from the spec. {@code idempotencyToken} is persisted
   * in state before the call; a retried create with the same token must not create a second group.
   */
  GroupRef create(GroupSpec spec, CapacityRequest capacity, String idempotencyToken)
      throws ProviderException;

  /**
   * Points future launches at a new machine spec (a new launch template version, a new VMSS model)
   * without replacing any running machine.
   */
  void updateModel(GroupRef ref, GroupSpec spec) throws ProviderException;

  /** Changes tags/labels only; never replaces machines. */
  void updateMetadata(GroupRef ref, GroupSpec spec) throws ProviderException;

  void setCapacity(GroupRef ref, CapacityRequest capacity) throws ProviderException;

  /**
   * Terminates machines. With {@code decrementDesired} the group shrinks (a rollout retiring old
   * machines); without, the group launches replacements (a repair).
   */
  void terminate(GroupRef ref, List<String> machineIds, boolean decrementDesired)
      throws ProviderException;

  /**
   * Called before Poolform's own engine replaces the group's machines: stops what the cloud would
   * do on its own meanwhile that breaks the rollout's guarantees (AWS rebalances Availability Zones
   * after a termination that lowers the desired size, terminating machines Poolform counts as
   * available). Returns true when something was stopped: the engine records that in state and calls
   * {@link #resumeRebalancing} when the rollout ends, also in a later apply after a crash.
   */
  default boolean suspendRebalancing(GroupRef ref) throws ProviderException {
    return false;
  }

  /** Undoes {@link #suspendRebalancing}; repeating it is harmless. */
  default void resumeRebalancing(GroupRef ref) throws ProviderException {}

  /** Scales to zero, waits for machines to go, deletes the group, then its template/model. */
  void delete(GroupRef ref) throws ProviderException;

  /**
   * Gives a group up ({@code pool state rm}): removes Poolform's ownership tags, {@code
   * poolform:lineage} and {@code poolform:address}, from the group and from whatever else {@link
   * #findOwned} reads them on (AWS: its launch template), so that this lineage no longer finds it.
   * Nothing else changes: the machines keep running, labels stay. Releasing a group that is already
   * untagged is not an error; one that is gone throws NOT_FOUND.
   */
  void release(GroupRef ref) throws ProviderException;

  /** Looks up an existing group by the cloud's id for {@code pool import}. */
  Optional<ObservedGroup> adopt(String cloudId) throws ProviderException;

  /**
   * What this session points at ({@link CloudIdentity}), which decides whether two cloud blocks (a
   * renamed one, the one a state entry recorded) are the same cloud. Empty when the provider cannot
   * tell: then a cloud is known by its kind and name alone.
   */
  default Optional<CloudIdentity> identity() throws ProviderException {
    return Optional.empty();
  }

  /** The cloud's own rollout mechanism for {@code engine = "cloud"}, if this cloud has one. */
  default Optional<CloudRollouts> cloudRollouts() {
    return Optional.empty();
  }

  /**
   * What the cloud itself did to {@code groups} since {@code since} and recorded (scaling
   * activities), newest first, read in as few calls as the cloud allows for all of them together;
   * empty when the cloud keeps no such record. Only {@code pool status} asks: a plan and a watch
   * never pay for it.
   */
  default List<CloudEvent> recentEvents(Collection<GroupRef> groups, java.time.Instant since)
      throws ProviderException {
    return List.of();
  }

  @Override
  default void close() {}
}
