package dev.poolform.provider.aws.session;

import dev.poolform.runtime.provider.ObservedMachine.MachineState;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When an instance became healthy, as well as this session can tell. AWS publishes no such time (no
 * "InService since" in DescribeAutoScalingGroups, and the activity history is per group and paged),
 * so: an instance this session saw not yet healthy (pending, booting, unhealthy) is healthy since
 * the first look that found it Healthy, at most one poll late, which only makes {@code min_ready}
 * stricter; an instance already healthy at the session's first look is healthy since its launch
 * time, the only earlier fact there is (an existing instance has usually been healthy for long; a
 * fresh one from an interrupted apply may be counted from launch, i.e. early by its boot time).
 */
final class HealthWatch {
  private final Clock clock;
  private final Set<String> seenUnready = ConcurrentHashMap.newKeySet();
  private final Map<String, Instant> becameHealthy = new ConcurrentHashMap<>();
  private final Map<String, Instant> firstSeen = new ConcurrentHashMap<>();

  HealthWatch(Clock clock) {
    this.clock = clock;
  }

  /** When this session first saw the instance: its launch time until EC2 tells the real one. */
  Instant firstSeen(String id) {
    return firstSeen.computeIfAbsent(id, k -> clock.instant());
  }

  Optional<Instant> healthySince(String id, MachineState state, Instant launched) {
    if (state != MachineState.HEALTHY) {
      if (state != MachineState.TERMINATING) seenUnready.add(id);
      becameHealthy.remove(id);
      return Optional.empty();
    }
    if (!seenUnready.contains(id)) return Optional.of(launched);
    return Optional.of(becameHealthy.computeIfAbsent(id, k -> clock.instant()));
  }
}
