package dev.poolform.ir;

import java.util.OptionalLong;

/**
 * Capacity; {@code desired} is empty for {@code desired = external} (an autoscaler owns the count,
 * Poolform never sends it). A pool without {@code desired} gets {@code min}.
 */
public record IrCapacity(long min, long max, OptionalLong desired) {
  public boolean external() {
    return desired.isEmpty();
  }
}
