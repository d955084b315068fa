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

  /**
   * Waits {@code d} between polls. Where an interrupted apply stops: the step's cloud calls so far
   * are done and recorded, and what it started is owed.
   *
   * @throws StepInterrupted when the apply is interrupted before or during the wait
   */
  public void pause(Duration d) throws StepFailure {
    Interruption i = options.interruption();
    if (i.requested()) throw new StepInterrupted();
    try {
      sleeper.sleep(d, i);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StepInterrupted();
    }
    if (i.requested()) throw new StepInterrupted();
  }

  /** True once the apply was asked to stop. */
  public boolean interrupted() {
    return options.interruption().requested();
  }
}
