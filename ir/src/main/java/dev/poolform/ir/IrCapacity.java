package dev.poolform.ir;

import dev.poolform.stdlib.value.ExternalValue;
import dev.poolform.stdlib.value.IntValue;
import dev.poolform.stdlib.value.MapValue;
import java.util.OptionalLong;

/**
 * Capacity; {@code desired} is empty for {@code desired = external} (an autoscaler owns the count,
 * Poolform never sends it). A pool without {@code desired} gets {@code min}.
 */
public record IrCapacity(long min, long max, OptionalLong desired) {
  public boolean external() {
    return desired.isEmpty();
  }

  /**
   * The capacity a {@code capacity} block holding {@code written} means. Values of the wrong type
   * (reported by the checker) read as absent: {@code min} 0, {@code max} at least 1 and {@code
   * min}, {@code desired} {@code min}.
   */
  public static IrCapacity of(MapValue written) {
    long min = written.get("min").orElse(null) instanceof IntValue i ? i.value() : 0;
    long max = written.get("max").orElse(null) instanceof IntValue i ? i.value() : Math.max(1, min);
    Object d = written.get("desired").orElse(null);
    OptionalLong desired;
    if (d instanceof IntValue i) desired = OptionalLong.of(i.value());
    else if (d instanceof ExternalValue) desired = OptionalLong.empty();
    else desired = OptionalLong.of(min);
    return new IrCapacity(min, max, desired);
  }
}
