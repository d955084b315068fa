package dev.poolform.runtime.provider;

import java.util.OptionalLong;

/**
 * Sizes to set on a group. {@code desired} empty means: do not send it (an autoscaler owns it, or
 * only bounds change). Providers may have to widen {@code max} first so that a surge fits.
 */
public record CapacityRequest(long min, long max, OptionalLong desired) {
  public static CapacityRequest of(long min, long max, long desired) {
    return new CapacityRequest(min, max, OptionalLong.of(desired));
  }
}
