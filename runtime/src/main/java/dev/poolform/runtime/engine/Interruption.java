package dev.poolform.runtime.engine;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A request from outside an apply to stop: what Ctrl-C and SIGTERM turn into. The first request
 * ({@link #request()}) lets every pool finish the cloud call it is in and stops it at its next
 * wait; pools not started yet are not started; state is written as always and the lock released, so
 * the work left is owed work the next apply finishes. {@link #abort()} is for a second signal,
 * which stops the process at once: it runs what the apply registered ({@link #onAbort}) to leave
 * its files consistent (no state write under way, the lock released), most recent first, and the
 * caller then halts. The write-ahead intents make that as safe as a crash.
 */
public final class Interruption {
  private final CountDownLatch requested = new CountDownLatch(1);
  private final Deque<Runnable> onAbort = new ArrayDeque<>();

  /** Asks the apply to stop at the end of each pool's current step. */
  public void request() {
    requested.countDown();
  }

  public boolean requested() {
    return requested.getCount() == 0;
  }

  /**
   * Waits {@code d}, or less if a stop is requested meanwhile.
   *
   * @return true when a stop was requested
   */
  boolean await(Duration d) throws InterruptedException {
    return requested.await(Math.max(0, d.toMillis()), TimeUnit.MILLISECONDS);
  }

  /** Registers what {@link #abort()} runs; the most recently registered runs first. */
  public synchronized void onAbort(Runnable r) {
    onAbort.push(r);
  }

  /** Removes what {@link #onAbort} registered, once the apply ended on its own. */
  public synchronized void clear() {
    onAbort.clear();
  }

  /**
   * Runs the registered actions, most recent first, and stops at the first that fails (a state
   * write that would not end leaves the lock in place: better than releasing it under a writer).
   *
   * @return true when every action ran
   */
  public boolean abort() {
    Deque<Runnable> todo;
    synchronized (this) {
      todo = new ArrayDeque<>(onAbort);
      onAbort.clear();
    }
    for (Runnable r : todo) {
      try {
        r.run();
      } catch (RuntimeException e) {
        return false; // what is left is what a crash would leave, and as safe
      }
    }
    return true;
  }
}
