package dev.poolform.cli.workspace;

import dev.poolform.cli.view.Progress;
import dev.poolform.runtime.event.ApplyEvent;
import dev.poolform.runtime.event.ApplyListener;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Feeds the engine's apply events into a progress view. */
public final class ProgressListener implements ApplyListener {
  private final Progress progress;
  private final Map<String, Instant> started = new ConcurrentHashMap<>();

  public ProgressListener(Progress progress) {
    this.progress = progress;
  }

  @Override
  public void on(ApplyEvent e) {
    if (e instanceof ApplyEvent.PoolStarted s) {
      started.put(s.address(), s.at());
      progress.started(s.address(), s.action());
    } else if (e instanceof ApplyEvent.RolloutProgress r && r.cloud()) {
      // The cloud reports its own rollout's percent only: no machine counts to show.
      progress.step(r.address(), r.percent(), 100, "percent rolled out by the cloud", "");
    } else if (e instanceof ApplyEvent.RolloutProgress r) {
      String detail =
          r.old() > 0
              ? r.old() + " old, " + r.available() + " available"
              : r.available() + " available";
      progress.step(r.address(), r.updated(), r.desired(), "updated", detail);
    } else if (e instanceof ApplyEvent.CapacityProgress c) {
      progress.step(
          c.address(),
          c.available(),
          c.desired(),
          "ready",
          c.booting() > 0 ? c.booting() + " booting" : "");
    } else if (e instanceof ApplyEvent.PoolFinished f) {
      progress.finished(
          f.address(), f.action(), Progress.Outcome.COMPLETE, "", took(f.address(), f.at()));
    } else if (e instanceof ApplyEvent.PoolFailed f) {
      progress.finished(
          f.address(), f.action(), Progress.Outcome.FAILED, f.message(), took(f.address(), f.at()));
    } else if (e instanceof ApplyEvent.PoolInterrupted i) {
      if (i.started()) {
        progress.finished(
            i.address(), i.action(), Progress.Outcome.INTERRUPTED, "", took(i.address(), i.at()));
      } else {
        progress.note(i.address() + ": not started, the apply was interrupted");
      }
    } else if (e instanceof ApplyEvent.PoolSkipped s) {
      progress.note(s.address() + ": skipped, " + s.reason());
    } else if (e instanceof ApplyEvent.Message m) {
      progress.note(m.address() + ": " + m.text());
    }
  }

  private Duration took(String address, Instant end) {
    Instant s = started.remove(address);
    return s == null ? Duration.ZERO : Duration.between(s, end);
  }
}
