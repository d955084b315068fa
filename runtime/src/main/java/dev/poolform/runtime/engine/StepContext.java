package dev.poolform.runtime.engine;

import dev.poolform.runtime.event.ApplyEvent;
import dev.poolform.runtime.event.ApplyListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** What every apply step shares: time, waiting, state writes with intents, events, options. */
public record StepContext(
    Clock clock, Sleeper sleeper, Intents intents, ApplyListener listener, ApplyOptions options) {
  public Instant now() {
    return clock.instant();
  }

  public void emit(ApplyEvent e) {
    try {
      listener.on(e);
    } catch (RuntimeException ex) {
      // A broken listener must not break the apply.
    }
  }

  public void pause(Duration d) throws StepFailure {
    try {
      sleeper.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StepFailure("interrupted", null);
    }
  }
}
