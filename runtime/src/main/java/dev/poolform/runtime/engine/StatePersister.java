package dev.poolform.runtime.engine;

import dev.poolform.runtime.state.State;
import dev.poolform.runtime.state.StateException;
import dev.poolform.runtime.state.StateStore;
import java.util.function.UnaryOperator;

/**
 * The one writer of state during an apply. Pool threads hand it changes; each {@link #update}
 * returns only once a write containing that change is on disk (so a write-ahead intent is durable
 * before its cloud call). Writes are serialised and grouped: while one write runs, later changes
 * collect and go out together in the next one.
 */
public final class StatePersister {
  private final StateStore store;
  private State current;
  private long version;
  private long durable;
  private boolean writing;
  private StateException failure;

  public StatePersister(StateStore store, State initial) {
    this.store = store;
    this.current = initial;
  }

  public synchronized State current() {
    return current;
  }

  /** Applies {@code change} to the state and waits until it is written. */
  public void update(UnaryOperator<State> change) throws StateException {
    long mine;
    synchronized (this) {
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
        State written = store.write(snapshot);
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
