package dev.poolform.runtime;

import dev.poolform.runtime.backend.Backends;
import dev.poolform.runtime.backend.StateBackend;
import dev.poolform.runtime.engine.Interruption;
import dev.poolform.runtime.state.StateException;
import dev.poolform.runtime.state.StateStore;
import java.time.Duration;
import java.util.List;

/**
 * A workspace's state backend and the runs it holds the lock for. A run takes the lock, brings the
 * state up to date, runs its body, and publishes the state before the lock is released: every
 * command that writes state goes through here, so none can skip the publish or the lock.
 */
final class LockedRuns {
  /** A body run under the lock. */
  interface Body<T, X extends Exception> {
    T run() throws StateException, X;
  }

  private final WorkspaceOptions options;
  private final StateStore store;
  private StateBackend backend;

  /** How long the next lock takes wait for another run's lock ({@code --lock-timeout}). */
  private volatile Duration lockWait = Duration.ZERO;

  LockedRuns(WorkspaceOptions options, StateStore store) {
    this.options = options;
    this.store = store;
  }

  void waitForLock(Duration wait) {
    this.lockWait = wait;
  }

  /** Where the state is shared: the {@code state} block's backend, or the local file. */
  synchronized StateBackend backend() throws StateException {
    if (backend == null)
      backend = Backends.open(options.backend(), store, options.clock(), options.environment());
    return backend;
  }

  /** What the backend had to say so far (nothing before it was opened), in order. */
  List<String> notices() {
    StateBackend b;
    synchronized (this) {
      b = backend;
    }
    return b == null ? List.of() : b.notices();
  }

  /**
   * Runs {@code body} under the lock. A body that fails still publishes what it wrote (the steps it
   * took are real); when publishing fails the backend keeps the lock and says what to run.
   */
  <T, X extends Exception> T run(String operation, Body<T, X> body) throws StateException, X {
    return run(operation, new Interruption(), body);
  }

  /**
   * As {@link #run(String, Body)}, for a run that {@code interruption} may abort: an abort leaves
   * the lock as a crash would ({@link StateBackend.Lock#abandon}).
   */
  <T, X extends Exception> T run(String operation, Interruption interruption, Body<T, X> body)
      throws StateException, X {
    StateBackend b = backend();
    try (StateBackend.Lock lock = take(b, operation)) {
      interruption.onAbort(lock::abandon);
      try {
        b.sync();
        boolean done = false;
        try {
          T result = body.run();
          done = true;
          lock.publish(operation);
          return result;
        } finally {
          if (!done) publishAfterFailure(lock, operation);
        }
      } finally {
        interruption.clear();
      }
    }
  }

  private StateBackend.Lock take(StateBackend b, String operation) throws StateException {
    try {
      return b.lock(operation, lockWait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StateException(
          StateException.Kind.LOCKED,
          "Interrupted while waiting for the state lock; nothing was changed.",
          e);
    }
  }

  private static void publishAfterFailure(StateBackend.Lock lock, String operation) {
    try {
      lock.publish(operation);
    } catch (StateException | RuntimeException e) {
      // The lock is kept and the state is in the working file; the failure that brought us here
      // is what the user is told, and the next run names the lock.
    }
  }
}
