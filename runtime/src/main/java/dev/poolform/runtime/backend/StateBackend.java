package dev.poolform.runtime.backend;

import dev.poolform.runtime.state.LockInfo;
import dev.poolform.runtime.state.StateException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where a workspace's state is shared (docs/runtime.md#state-for-teams). The runtime reads and
 * writes the local working file as always; a backend makes it the newest shared state before a run
 * ({@link #sync}), gives the run a lock every clone or runner sees ({@link #lock}), and publishes
 * the file when the run ends ({@link Lock#publish}) with a conditional write: one that fails if the
 * shared copy moved since it was read, so no run overwrites another's state.
 */
public sealed interface StateBackend permits LocalBackend, GitBackend, ObjectBackend {

  /** One line for messages: what kind of backend, and where. */
  String describe();

  /**
   * Makes the working file the newest shared state, or refuses: called before every read.
   *
   * @throws StateException of kind {@code REMOTE} when the shared state is newer and cannot be
   *     brought in without losing work, or differs in a way no one should resolve automatically
   */
  void sync() throws StateException;

  /**
   * Takes the lock for {@code operation} or fails at once, naming the holder.
   *
   * @throws StateException of kind {@code LOCKED} when another run holds it
   */
  Lock lock(String operation) throws StateException;

  /**
   * Takes the lock for {@code operation}, waiting up to {@code wait} for another run to release it
   * ({@code --lock-timeout}): every attempt is the backend's own atomic take, so of several runs
   * waiting for one lock exactly one gets it when it is released, and the others wait on. After the
   * wait, fails as {@link #lock(String)} does, naming the holder then.
   *
   * @throws StateException of kind {@code LOCKED} when another run still holds it after the wait
   * @throws InterruptedException when the thread is interrupted while it waits (nothing is held)
   */
  default Lock lock(String operation, Duration wait) throws StateException, InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      try {
        return lock(operation);
      } catch (StateException e) {
        long left = deadline - System.nanoTime();
        if (e.kind() != StateException.Kind.LOCKED || left <= 0) throw e;
        Thread.sleep(Math.max(1, Math.min(LOCK_RETRY.toMillis(), left / 1_000_000)));
      }
    }
  }

  /** How often a waiting run tries the lock again: a request per try on a shared backend. */
  Duration LOCK_RETRY = Duration.ofMillis(500);

  /**
   * The shared copy's lineage and serial, read without changing the working file: what {@code pool
   * state migrate} checks before it writes there. Empty when there is none yet.
   */
  Optional<StateHeader> peek() throws StateException;

  /** Who holds the lock, if anyone. */
  Optional<LockInfo> holder() throws StateException;

  /**
   * Removes the lock if its id is {@code id}; names the holder but never the id otherwise.
   *
   * @return the holder it removed (which may be one that never recorded itself: {@link
   *     LockInfo#recorded})
   */
  LockInfo forceUnlock(String id) throws StateException;

  /** Messages for the user from the last {@link #sync} (e.g. "fast-forwarded to serial 7"). */
  List<String> notices();

  /** A held lock. Closing it releases it, unless {@link #publish} failed and kept it. */
  interface Lock extends AutoCloseable {
    LockInfo info();

    /**
     * Publishes the working file as the shared state, if it changed. When that fails the lock is
     * kept (the shared state may need a hand) and the message says what to run.
     */
    void publish(String operation) throws StateException;

    /**
     * What a second Ctrl-C does before the process halts: leave the lock as a crash would. The
     * local file's lock is released (the state file is the state, written atomically); a shared
     * backend's lock stays and names its holder, since the shared copy has not seen this run's
     * steps yet and the next run from this clone must publish them first.
     */
    void abandon();

    @Override
    void close();
  }
}
