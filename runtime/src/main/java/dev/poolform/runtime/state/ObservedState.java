package dev.poolform.runtime.state;

import java.util.Optional;

/**
 * What the cloud reported for a group when it was last applied (for {@code pool show}; drift is
 * computed against the applied spec, not against this).
 */
public record ObservedState(
    long min, long max, long desired, Optional<String> specHash, int instances) {
  public static final ObservedState UNKNOWN = new ObservedState(0, 0, 0, Optional.empty(), 0);
}
