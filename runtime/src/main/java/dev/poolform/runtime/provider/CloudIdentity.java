package dev.poolform.runtime.provider;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a cloud block points at, as opposed to what it is called: two blocks with the same identity
 * reach the same groups, so renaming a block moves nothing, and a block that keeps its name but
 * points elsewhere (another region, account or endpoint) is another cloud. Each provider says which
 * settings make it ({@link CloudSession#identity()}): AWS its account, region and endpoint; Azure
 * its subscription, resource group, location and endpoint; {@code local} its folder and region.
 *
 * @param kind the cloud kind
 * @param where the identifying values by name, e.g. {@code account}, {@code region}
 */
public record CloudIdentity(String kind, SortedMap<String, String> where) {
  public CloudIdentity {
    where = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(where));
  }

  public static CloudIdentity of(String kind, Map<String, String> where) {
    return new CloudIdentity(kind, new TreeMap<>(where));
  }

  /** For messages: {@code aws (account 123456789012, region eu-west-1)}. */
  public String describe() {
    return kind
        + " ("
        + where.entrySet().stream()
            .map(e -> e.getKey().replace('_', ' ') + " " + e.getValue())
            .collect(Collectors.joining(", "))
        + ")";
  }
}
