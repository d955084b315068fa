package dev.poolform.runtime.engine;

import java.time.Duration;

/**
 * How the engine waits between polls. Real runs sleep, and wake early when the apply is
 * interrupted; tests pass one that advances a fake clock, so a 30-minute rollout is checked in
 * milliseconds.
 */
@FunctionalInterface
public interface Sleeper {
  Sleeper REAL = new Real();

  void sleep(Duration d) throws InterruptedException;

  /** Sleeps {@code d}, or less when {@code interruption} is requested (if the sleeper can tell). */
  default void sleep(Duration d, Interruption interruption) throws InterruptedException {
    sleep(d);
  }

  /** The wall clock's sleep. */
  final class Real implements Sleeper {
    private Real() {}

    @Override
    public void sleep(Duration d) throws InterruptedException {
      Thread.sleep(Math.max(0, d.toMillis()));
    }

    @Override
    public void sleep(Duration d, Interruption interruption) throws InterruptedException {
      boolean unused = interruption.await(d);
    }
  }
}
