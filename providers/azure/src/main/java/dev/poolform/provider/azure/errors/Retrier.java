package dev.poolform.provider.azure.errors;

import dev.poolform.runtime.provider.ProviderException;
import dev.poolform.runtime.provider.ProviderException.Kind;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs one logical step, retrying it with jittered exponential backoff while it fails with a
 * conflict ("another operation is in progress", 409) or a transient error the SDK's own retries
 * gave up on, until the deadline. Steps must be safe to repeat: every call the provider makes is a
 * PUT/PATCH of a whole desired state, a DELETE, or an action on explicit instance ids.
 */
public final class Retrier {
  /** One step: an SDK call whose RuntimeExceptions are mapped by {@link ArmErrors}. */
  public interface Step<T> {
    T run() throws ProviderException;
  }

  private final Duration deadline;
  private final Duration firstDelay;

  public Retrier(Duration deadline, Duration firstDelay) {
    this.deadline = deadline;
    this.firstDelay = firstDelay;
  }

  public Duration deadline() {
    return deadline;
  }

  public <T> T call(String what, Step<T> step) throws ProviderException {
    long end = System.nanoTime() + deadline.toNanos();
    long delay = firstDelay.toMillis();
    while (true) {
      ProviderException failure;
      try {
        return step.run();
      } catch (ProviderException e) {
        failure = e;
      } catch (RuntimeException e) {
        failure = ArmErrors.map(what, e);
      }
      boolean retryable = failure.kind() == Kind.CONFLICT || failure.kind() == Kind.TRANSIENT;
      long sleep = delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1);
      if (!retryable || System.nanoTime() + sleep * 1_000_000 > end) throw failure;
      try {
        Thread.sleep(sleep);
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        throw failure;
      }
      delay = Math.min(delay * 2, 10_000);
    }
  }
}
