package dev.poolform.runtime.engine;

import java.time.Duration;

/**
 * How the engine waits between polls. Real runs sleep; tests pass one that advances a fake clock,
 * so a 30-minute rollout is checked in milliseconds.
 */
@FunctionalInterface
public interface Sleeper {
  Sleeper REAL = d -> Thread.sleep(Math.max(0, d.toMillis()));

  void sleep(Duration d) throws InterruptedException;
}
