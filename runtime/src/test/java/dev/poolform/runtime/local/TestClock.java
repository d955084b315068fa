package dev.poolform.runtime.local;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock tests move by hand, so the simulation is tested without sleeping. */
final class TestClock extends Clock {
  private volatile Instant now;

  TestClock(Instant start) {
    this.now = start;
  }

  TestClock() {
    this(Instant.parse("2026-01-01T00:00:00Z"));
  }

  void advance(Duration d) {
    now = now.plus(d);
  }

  void advanceMillis(long ms) {
    advance(Duration.ofMillis(ms));
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
