package dev.poolform.runtime.testing;

import dev.poolform.runtime.engine.Sleeper;
import dev.poolform.testing.fixtures.ManualClock;
import java.time.Duration;
import java.time.Instant;

/** A clock that only moves when someone sleeps on it (or a test advances it). */
public final class FakeTime extends ManualClock implements Sleeper {
  public FakeTime(Instant start) {
    super(start);
  }

  public FakeTime() {
    super();
  }

  @Override
  public void sleep(Duration d) {
    advance(d.isZero() ? Duration.ofMillis(1) : d);
  }
}
