package dev.poolform.cli.view;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A progress view with a clock of its own: a daemon thread calls {@link Progress#tick()} every
 * period, so elapsed times move and quiet pools are reported while the engine waits on a cloud call
 * that says nothing for minutes (a delete, a slow create).
 */
final class TickingProgress implements Progress {
  private final Progress view;
  private final ScheduledExecutorService ticker;

  TickingProgress(Progress view, Duration period) {
    this.view = view;
    this.ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "poolform-progress");
              t.setDaemon(true);
              return t;
            });
    long ms = Math.max(1, period.toMillis());
    var unused = ticker.scheduleAtFixedRate(view::tick, ms, ms, TimeUnit.MILLISECONDS);
  }

  @Override
  public void started(String address, String action) {
    view.started(address, action);
  }

  @Override
  public void step(String address, long done, long total, String unit, String detail) {
    view.step(address, done, total, unit, detail);
  }

  @Override
  public void finished(
      String address, String action, Outcome outcome, String error, Duration took) {
    view.finished(address, action, outcome, error, took);
  }

  @Override
  public void note(String message) {
    view.note(message);
  }

  @Override
  public void tick() {
    view.tick();
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    view.close();
  }
}
