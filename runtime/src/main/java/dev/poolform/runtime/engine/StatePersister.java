package dev.poolform.runtime.engine;

import dev.poolform.runtime.state.State;
import dev.poolform.runtime.state.StateException;
import dev.poolform.runtime.state.StateStore;
import java.util.function.UnaryOperator;

/**
 * The one writer of state during an apply. Pool threads hand it changes; each {@link #update}
 * returns only once a write containing that change is on disk (so a write-ahead intent is durable
 * before its cloud call). Writes are steps appended to the state's journal ({@link
 * StateStore#append}); the caller compacts it when the apply ends. Writes are serialised and
 * grouped: while one write runs, later changes collect and go out together in the next one.
 */
public final class StatePersister {
  private final StateStore store;
  private State current;
  private long version;
  private long durable;
  private boolean writing;
  private boolean frozen;
  private StateException failure;

  public StatePersister(StateStore store, State initial) {
    this.store = store;
    this.current = initial;
  }

  public synchronized State current() {
    return current;
  }

  /**
   * Stops all writing for good, for a process about to halt (a second Ctrl-C): waits up to {@code
   * max} for a write under way to end; every later {@link #update} blocks until the process dies.
   *
   * @return true when no write is under way any more, so the file on disk is the last one written
   */
  public synchronized boolean freeze(java.time.Duration max) {
    frozen = true;
    long end = System.nanoTime() + max.toNanos();
    while (writing) {
      long left = end - System.nanoTime();
      if (left <= 0) return false;
      try {
        wait(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  /** Blocks the calling thread for good once frozen (the caller holds the monitor). */
  private void blockIfFrozen() {
    while (frozen) {
      try {
        wait();
      } catch (InterruptedException e) {
        // Still frozen: the process is about to halt.
      }
    }
  }

  /** Applies {@code change} to the state and waits until it is written. */
  public void update(UnaryOperator<State> change) throws StateException {
    long mine;
    synchronized (this) {
      blockIfFrozen();
      if (failure != null) throw failure;
      current = change.apply(current);
      mine = ++version;
    }
    flush(mine);
  }

  private void flush(long mine) throws StateException {
    while (true) {
      State snapshot;
      long snapVersion;
      synchronized (this) {
        if (durable >= mine) return;
        if (failure != null) throw failure;
        blockIfFrozen();
        if (writing) {
          try {
            wait();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StateException(StateException.Kind.IO, "Interrupted while writing state.");
          }
          continue;
        }
        writing = true;
        snapshot = current;
        snapVersion = version;
      }
      try {
        State written = store.append(snapshot);
        synchronized (this) {
          durable = snapVersion;
          current = current.withSerial(written.serial());
        }
      } catch (StateException e) {
        synchronized (this) {
          failure = e;
        }
        throw e;
      } finally {
        synchronized (this) {
          writing = false;
          notifyAll();
        }
      }
    }
  }
}
