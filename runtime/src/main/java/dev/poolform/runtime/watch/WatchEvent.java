package dev.poolform.runtime.watch;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Something {@code pool watch} noticed or did (docs/json.md#watch-events).
 *
 * @param at when
 * @param kind what
 * @param address the pool, or empty for the whole watch
 * @param message one sentence for people
 * @param details the sentences behind it (drift reasons, health problems, plan reasons)
 */
public record WatchEvent(
    Instant at, Kind kind, String address, String message, List<String> details) {
  public WatchEvent {
    details = List.copyOf(details);
  }

  public enum Kind {
    /** The loop started (configuration, interval, what it may correct). */
    WATCH_STARTED,
    /** A pool has drifted (or its drift changed) since the last interval. */
    DRIFT_FOUND,
    /** A pool that was unhealthy is healthy again. */
    POOL_RECOVERED,
    /** A pool turned unhealthy (machine unhealthy or failed, group gone). */
    POOL_UNHEALTHY,
    /** A pool has stayed unhealthy for longer than the alert grace. */
    POOL_UNHEALTHY_PAST_GRACE,
    /** Changes wait that --allow does not cover: someone must run {@code pool apply}. */
    CHANGES_NOT_ALLOWED,
    /** The watch started correcting (allowed changes). */
    APPLY_STARTED,
    APPLY_FINISHED,
    APPLY_FAILED,
    /** A rollout in progress has not moved for longer than the alert grace. */
    ROLLOUT_STALLED,
    /** The state is locked by someone else; the watch tries again next interval. */
    LOCK_HELD,
    /** The state lock has been held for longer than the alert grace. */
    LOCK_HELD_TOO_LONG,
    /** The clouds or state could not be read; the watch backs off and tries again. */
    REFRESH_FAILED,
    /** The loop stopped (SIGTERM, interrupt). */
    WATCH_STOPPED;

    /** The event's name in JSON and in text lines: {@code drift_found}, ... */
    public String text() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
