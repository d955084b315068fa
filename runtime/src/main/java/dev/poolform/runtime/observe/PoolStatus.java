package dev.poolform.runtime.observe;

import dev.poolform.runtime.provider.CloudEvent;
import java.util.List;
import java.util.Optional;

/**
 * One pool as {@code pool status} shows it.
 *
 * @param address {@code pool.NAME}
 * @param cloud {@code kind.name}
 * @param group the cloud's id of its group, if it has one
 * @param missingGroup the cloud's id of the group the state records and the cloud no longer has
 *     (deleted outside Poolform; apply creates it again); empty when there is none
 * @param desired the group's desired size as the cloud reports it (the configured one before the
 *     group exists)
 * @param instances machines the group has, in any state
 * @param machines the machines by condition; empty when they were not read (the refresh reads
 *     machines of pools with a health block, as plan does)
 * @param launchesCurrentSpec whether new machines get the configured spec
 * @param rollout a rollout in progress, ours or the cloud's
 * @param health health problems, one sentence each (empty: healthy)
 * @param drift changes made outside Poolform, one sentence each
 * @param action what {@code pool apply} would do now ({@code noop} when nothing)
 * @param reasons why, as the plan says
 * @param owed work an interrupted apply left, one sentence each
 * @param events what the cloud itself recently did to the group and recorded, newest first (empty
 *     when the cloud keeps no record, or it was not read)
 */
public record PoolStatus(
    String address,
    String cloud,
    Optional<String> group,
    Optional<String> missingGroup,
    long desired,
    int instances,
    Optional<MachineCounts> machines,
    boolean launchesCurrentSpec,
    Optional<RolloutState> rollout,
    List<String> health,
    List<String> drift,
    String action,
    List<String> reasons,
    List<String> owed,
    List<CloudEvent> events) {

  public PoolStatus {
    health = List.copyOf(health);
    drift = List.copyOf(drift);
    reasons = List.copyOf(reasons);
    owed = List.copyOf(owed);
    events = List.copyOf(events);
  }

  /** The same pool with the cloud's recent events. */
  public PoolStatus withEvents(List<CloudEvent> e) {
    return new PoolStatus(
        address,
        cloud,
        group,
        missingGroup,
        desired,
        instances,
        machines,
        launchesCurrentSpec,
        rollout,
        health,
        drift,
        action,
        reasons,
        owed,
        e);
  }

  public boolean healthy() {
    return health.isEmpty();
  }

  /**
   * Nothing left to do: apply would change nothing, no drift, no owed work, no rollout running, and
   * (when machines were read) every machine ready on the configured spec.
   */
  public boolean current() {
    return action.equals("noop")
        && drift.isEmpty()
        && owed.isEmpty()
        && rollout.isEmpty()
        && launchesCurrentSpec
        && machines.map(m -> m.outdated() == 0 && m.ready() == m.live()).orElse(true);
  }
}
