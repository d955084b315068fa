package dev.poolform.runtime.provider;

import java.util.List;
import java.util.Map;

/**
 * What a plan reads of one cloud ({@link CloudSession#readForPlan}).
 *
 * @param read the groups asked for that exist, keyed by address (as {@link CloudSession#read})
 * @param owned every group tagged with the lineage (as {@link CloudSession#findOwned})
 */
public record GroupsRead(Map<String, ObservedGroup> read, List<ObservedGroup> owned) {
  public GroupsRead {
    read = Map.copyOf(read);
    owned = List.copyOf(owned);
  }
}
