package dev.poolform.runtime;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The state key after {@code pool state rekey}: its id, where the keys are kept, and the secrets
 * whose digests still need an older key (key id to {@code "ADDRESS PATH"}; {@code ""} for the
 * unkeyed digests of a state from before format 3).
 */
public record Rekeyed(String keyId, String where, SortedMap<String, List<String>> older) {
  public Rekeyed {
    older = Collections.unmodifiableSortedMap(new TreeMap<>(older));
  }
}
