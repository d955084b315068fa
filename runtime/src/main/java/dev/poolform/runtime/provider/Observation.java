package dev.poolform.runtime.provider;

import java.util.List;
import java.util.Map;

/**
 * One batched look at several groups ({@link CloudSession#observe}).
 *
 * @param groups each group found, keyed by its {@link GroupRef#cloudId()}, with the ref it was
 *     asked for; a group that does not exist is absent
 * @param machines the machines of each group whose machines were asked for, keyed the same way
 * @param failures groups whose last write the cloud reports failed after it was accepted (a cloud
 *     that learns the end of its writes from these looks instead of waiting for each), keyed the
 *     same way: a step waiting on such a group gets this error instead of its machines
 */
public record Observation(
    Map<String, ObservedGroup> groups,
    Map<String, List<ObservedMachine>> machines,
    Map<String, ProviderException> failures) {
  public Observation {
    groups = Map.copyOf(groups);
    machines = Map.copyOf(machines);
    failures = Map.copyOf(failures);
  }

  /** A look with no failed writes. */
  public Observation(
      Map<String, ObservedGroup> groups, Map<String, List<ObservedMachine>> machines) {
    this(groups, machines, Map.of());
  }
}
