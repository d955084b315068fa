package dev.poolform.runtime.observe;

import dev.poolform.runtime.engine.Sessions;
import dev.poolform.runtime.provider.CloudEvent;
import dev.poolform.runtime.provider.CloudSession;
import dev.poolform.runtime.provider.GroupRef;
import dev.poolform.runtime.provider.ProviderException;
import dev.poolform.runtime.state.ResourceState;
import dev.poolform.runtime.state.State;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The clouds' own recent events for {@code pool status}: one batched read per cloud for all its
 * pools ({@link CloudSession#recentEvents}), the newest {@link #PER_POOL} of the last {@link
 * #WINDOW} per pool. A cloud whose events cannot be read leaves its pools without them: the status
 * itself was read, and events only explain it.
 */
public final class CloudEvents {
  /** How far back {@code pool status} looks. */
  public static final Duration WINDOW = Duration.ofHours(1);

  /** How many events a pool shows at most. */
  public static final int PER_POOL = 5;

  private CloudEvents() {}

  /** {@code status} with each pool's recent events. */
  public static FleetStatus add(FleetStatus status, State state, Sessions sessions, Instant now) {
    Map<String, List<GroupRef>> byCloud = new LinkedHashMap<>();
    Map<String, ResourceState> byKey = new HashMap<>();
    for (PoolStatus p : status.pools()) {
      state
          .resource(p.address())
          .ifPresent(
              r -> {
                byCloud.computeIfAbsent(r.cloud().key(), k -> new ArrayList<>()).add(r.group());
                byKey.putIfAbsent(r.cloud().key(), r);
              });
    }
    Map<String, List<CloudEvent>> byGroup = new HashMap<>();
    for (Map.Entry<String, List<GroupRef>> e : byCloud.entrySet()) {
      try {
        CloudSession s = sessions.open(Sessions.fromState(byKey.get(e.getKey()).cloud()));
        for (CloudEvent ev : s.recentEvents(e.getValue(), now.minus(WINDOW))) {
          byGroup.computeIfAbsent(e.getKey() + "/" + ev.cloudId(), k -> new ArrayList<>()).add(ev);
        }
      } catch (ProviderException ex) {
        // Events explain a status; a cloud that will not list them leaves them out.
      }
    }
    List<PoolStatus> pools = new ArrayList<>();
    for (PoolStatus p : status.pools()) {
      List<CloudEvent> mine =
          state
              .resource(p.address())
              .map(
                  r -> byGroup.getOrDefault(r.cloud().key() + "/" + r.group().cloudId(), List.of()))
              .orElse(List.of());
      pools.add(p.withEvents(mine.subList(0, Math.min(PER_POOL, mine.size()))));
    }
    return new FleetStatus(status.at(), pools, status.problems());
  }
}
