package dev.poolform.runtime.watch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.runtime.observe.FleetStatus;
import dev.poolform.runtime.observe.PoolStatus;
import dev.poolform.runtime.observe.RolloutState;
import dev.poolform.runtime.watch.WatchEvent.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Events are raised once when a condition starts (or its alert grace runs out), not per round. */
class RoundDiffTest {
  static final Instant T0 = Instant.parse("2026-12-05T08:00:00Z");
  final RoundDiff diff = new RoundDiff(Duration.ofMinutes(10));

  static PoolStatus pool(List<String> health, List<String> drift, Optional<RolloutState> r) {
    return new PoolStatus(
        "pool.web",
        "local.dev",
        Optional.of("web"),
        Optional.empty(),
        3,
        3,
        Optional.empty(),
        true,
        r,
        health,
        drift,
        drift.isEmpty() ? "noop" : "scale",
        List.of(),
        List.of(),
        List.of());
  }

  List<Kind> round(int minute, PoolStatus p) {
    return diff.next(new FleetStatus(T0.plusSeconds(60L * minute), List.of(p), List.of())).stream()
        .map(WatchEvent::kind)
        .toList();
  }

  @Test
  void driftIsReportedOncePerChange() {
    PoolStatus drifted = pool(List.of(), List.of("capacity.desired 3 -> 5"), Optional.empty());
    assertThat(round(0, drifted)).containsExactly(Kind.DRIFT_FOUND);
    assertThat(round(1, drifted)).isEmpty();
    assertThat(round(2, pool(List.of(), List.of("capacity.desired 3 -> 6"), Optional.empty())))
        .containsExactly(Kind.DRIFT_FOUND);
    assertThat(round(3, pool(List.of(), List.of(), Optional.empty()))).isEmpty();
    assertThat(round(4, drifted)).containsExactly(Kind.DRIFT_FOUND);
  }

  @Test
  void unhealthyThenPastGraceThenRecovered() {
    PoolStatus sick = pool(List.of("machine m-1 is unhealthy"), List.of(), Optional.empty());
    assertThat(round(0, sick)).containsExactly(Kind.POOL_UNHEALTHY);
    assertThat(round(5, sick)).isEmpty();
    assertThat(round(10, sick)).containsExactly(Kind.POOL_UNHEALTHY_PAST_GRACE);
    assertThat(round(11, sick)).isEmpty();
    assertThat(round(12, pool(List.of(), List.of(), Optional.empty())))
        .containsExactly(Kind.POOL_RECOVERED);
    assertThat(round(13, pool(List.of(), List.of(), Optional.empty()))).isEmpty();
  }

  @Test
  void aRolloutStandingStillIsStalledOnce() {
    PoolStatus at40 =
        pool(
            List.of(), List.of(), Optional.of(new RolloutState("poolform", 40, "in_progress", "")));
    PoolStatus at60 =
        pool(
            List.of(), List.of(), Optional.of(new RolloutState("poolform", 60, "in_progress", "")));
    assertThat(round(0, at40)).isEmpty();
    assertThat(round(9, at40)).isEmpty();
    assertThat(round(10, at40)).containsExactly(Kind.ROLLOUT_STALLED);
    assertThat(round(30, at40)).isEmpty();
    assertThat(round(31, at60)).isEmpty();
    assertThat(round(41, at60)).containsExactly(Kind.ROLLOUT_STALLED);
  }
}
