package dev.poolform.runtime.provider;

import java.util.List;
import java.util.Map;

/**
 * One batched look at several groups ({@link CloudSession#observe}).
 *
 * @param groups each group found, keyed by its {@link GroupRef#cloudId()}, with the ref it was
 *     asked for; a group that does not exist is absent
 * @param machines the machines of each group whose machines were asked for, keyed the same way
 */
public record Observation(
    Map<String, ObservedGroup> groups, Map<String, List<ObservedMachine>> machines) {
  public Observation {
    groups = Map.copyOf(groups);
    machines = Map.copyOf(machines);
  }
}
