package dev.poolform.runtime.watch;

import dev.poolform.runtime.Instants;
import dev.poolform.runtime.observe.FleetStatus;
import dev.poolform.runtime.observe.PoolStatus;
import dev.poolform.runtime.observe.RolloutState;
import dev.poolform.runtime.watch.WatchEvent.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What changed between two refreshes, as events: each is raised once when it starts (drift found, a
 * pool turned unhealthy, an alert's grace ran out), not every interval while it lasts.
 */
final class RoundDiff {
  private final Duration alertAfter;
  private final Map<String, List<String>> drift = new HashMap<>();
  private final Map<String, Instant> unhealthySince = new HashMap<>();
  private final Set<String> pastGrace = new HashSet<>();
  private final Map<String, RolloutMark> rollouts = new HashMap<>();

  /** A rollout's percent and since when it has stood there. */
  private record RolloutMark(int percent, Instant since, boolean alerted) {}

  RoundDiff(Duration alertAfter) {
    this.alertAfter = alertAfter;
  }

  List<WatchEvent> next(FleetStatus s) {
    List<WatchEvent> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (PoolStatus p : s.pools()) {
      seen.add(p.address());
      drift(p, s.at(), out);
      health(p, s.at(), out);
      rollout(p, s.at(), out);
    }
    drift.keySet().retainAll(seen);
    unhealthySince.keySet().retainAll(seen);
    pastGrace.retainAll(seen);
    rollouts.keySet().retainAll(seen);
    return out;
  }

  private void drift(PoolStatus p, Instant now, List<WatchEvent> out) {
    List<String> before = drift.getOrDefault(p.address(), List.of());
    if (!p.drift().isEmpty() && !p.drift().equals(before)) {
      out.add(
          new WatchEvent(
              now,
              Kind.DRIFT_FOUND,
              p.address(),
              p.address() + " was changed outside Poolform",
              p.drift()));
    }
    if (p.drift().isEmpty()) drift.remove(p.address());
    else drift.put(p.address(), p.drift());
  }

  private void health(PoolStatus p, Instant now, List<WatchEvent> out) {
    Instant since = unhealthySince.get(p.address());
    if (p.healthy()) {
      if (since != null) {
        out.add(
            new WatchEvent(
                now,
                Kind.POOL_RECOVERED,
                p.address(),
                p.address() + " is healthy again",
                List.of()));
      }
      unhealthySince.remove(p.address());
      pastGrace.remove(p.address());
      return;
    }
    if (since == null) {
      unhealthySince.put(p.address(), now);
      out.add(
          new WatchEvent(
              now, Kind.POOL_UNHEALTHY, p.address(), p.address() + " is unhealthy", p.health()));
    } else if (!since.plus(alertAfter).isAfter(now) && pastGrace.add(p.address())) {
      out.add(
          new WatchEvent(
              now,
              Kind.POOL_UNHEALTHY_PAST_GRACE,
              p.address(),
              p.address() + " has been unhealthy since " + Instants.text(since),
              p.health()));
    }
  }

  private void rollout(PoolStatus p, Instant now, List<WatchEvent> out) {
    if (p.rollout().isEmpty()) {
      rollouts.remove(p.address());
      return;
    }
    RolloutState r = p.rollout().get();
    RolloutMark m = rollouts.get(p.address());
    if (m == null || m.percent() != r.percent()) {
      rollouts.put(p.address(), new RolloutMark(r.percent(), now, false));
    } else if (!m.alerted() && !m.since().plus(alertAfter).isAfter(now)) {
      rollouts.put(p.address(), new RolloutMark(m.percent(), m.since(), true));
      out.add(
          new WatchEvent(
              now,
              Kind.ROLLOUT_STALLED,
              p.address(),
              p.address()
                  + "'s rollout has stood at "
                  + r.percent()
                  + "% since "
                  + Instants.text(m.since()),
              r.message().isEmpty() ? List.of() : List.of(r.message())));
    }
  }
}
