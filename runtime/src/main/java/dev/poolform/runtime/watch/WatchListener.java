package dev.poolform.runtime.watch;

import dev.poolform.runtime.engine.Problem;
import dev.poolform.runtime.event.ApplyListener;
import dev.poolform.runtime.observe.FleetStatus;
import java.time.Duration;
import java.util.List;

/** What a {@link Watcher} reports: its events, each refresh, and the steps of its applies. */
public interface WatchListener {
  void on(WatchEvent event);

  /** A refresh succeeded; {@code took} is how long it took. */
  default void observed(FleetStatus status, Duration took) {}

  /** A refresh failed with these problems. */
  default void refreshFailed(List<Problem> problems) {}

  /** An apply of the watch ended; {@code ok} false if any pool failed. */
  default void applied(boolean ok, Duration took) {}

  /** Where the steps of the watch's applies go. */
  default ApplyListener steps() {
    return ApplyListener.NONE;
  }

  /** Reports to both, this one first. */
  default WatchListener and(WatchListener other) {
    WatchListener self = this;
    return new WatchListener() {
      @Override
      public void on(WatchEvent event) {
        self.on(event);
        other.on(event);
      }

      @Override
      public void observed(FleetStatus status, Duration took) {
        self.observed(status, took);
        other.observed(status, took);
      }

      @Override
      public void refreshFailed(List<Problem> problems) {
        self.refreshFailed(problems);
        other.refreshFailed(problems);
      }

      @Override
      public void applied(boolean ok, Duration took) {
        self.applied(ok, took);
        other.applied(ok, took);
      }

      @Override
      public ApplyListener steps() {
        return self.steps().and(other.steps());
      }
    };
  }
}
