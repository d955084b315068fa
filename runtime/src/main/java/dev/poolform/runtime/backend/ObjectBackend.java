package dev.poolform.runtime.backend;

import dev.poolform.files.SafeFiles;
import dev.poolform.runtime.state.AtomicFiles;
import dev.poolform.runtime.state.LockInfo;
import dev.poolform.runtime.state.StateException;
import dev.poolform.runtime.state.StateLock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * State kept as one object in a store with conditional writes ({@code state s3 { ... }}, {@code
 * state azurerm { ... }}). The working file beside the configuration stays what the runtime
 * persists every step to; the object is the shared copy.
 *
 * <ul>
 *   <li>{@link #sync}: reads the object; a newer one (same lineage, higher serial) replaces the
 *       working file, with a notice; another lineage, or another state at the same serial, is
 *       refused; an older one is what an unpublished run here left, and publishing writes it.
 *   <li>{@link #lock}: the store's create-if-absent lock ({@link ObjectStore#lock}).
 *   <li>{@link Lock#publish}: writes the working file only if the object's ETag is still the one
 *       {@link #sync} read; when it moved, or the write fails, the lock is kept and the message
 *       says what to run.
 * </ul>
 */
public final class ObjectBackend implements StateBackend {
  private final Path stateFile;
  private final ObjectStore store;
  private final Clock clock;
  private final List<String> notices = new ArrayList<>();

  /** The object as {@link #sync} last read it: what a conditional write expects. */
  private Optional<ObjectStore.Versioned> seen = Optional.empty();

  ObjectBackend(Path stateFile, ObjectStore store, Clock clock) {
    this.stateFile = stateFile.toAbsolutePath().normalize();
    this.store = store;
    this.clock = clock;
  }

  @Override
  public String describe() {
    return store.describe();
  }

  @Override
  public synchronized List<String> notices() {
    return List.copyOf(notices);
  }

  // ---------------------------------------------------------------- sync

  @Override
  public synchronized void sync() throws StateException {
    Optional<ObjectStore.Versioned> theirs;
    try {
      theirs = store.read();
    } catch (IOException e) {
      throw remote(
          "Cannot read the state from "
              + store.describe()
              + ": "
              + GitBackend.reason(e)
              + ". Nothing was changed; the state must be current before a run.",
          e);
    }
    seen = theirs;
    // Nothing shared yet (or an empty object a lease needed): the first publish writes it.
    if (theirs.isEmpty() || theirs.get().bytes().length == 0) return;
    Optional<byte[]> mine = working();
    if (mine.isPresent() && Arrays.equals(mine.get(), theirs.get().bytes())) return;
    StateHeader t = StateHeader.of(theirs.get().bytes(), "in " + store.describe());
    if (mine.isPresent()) {
      StateHeader m = StateHeader.of(mine.get(), stateFile.toString());
      if (!m.lineage().equals(t.lineage())) {
        throw remote(
            stateFile.getFileName()
                + " has lineage "
                + m.lineage()
                + " here but "
                + t.lineage()
                + " in "
                + store.describe()
                + ": they are different states. Nothing was changed; find out which one is"
                + " right before going on (move the wrong one away).");
      }
      if (m.serial() > t.serial()) return; // a run here that was not published: publish writes it
      if (m.serial() == t.serial()) {
        throw remote(
            stateFile.getFileName()
                + " differs from "
                + store.describe()
                + " at the same serial "
                + m.serial()
                + " (edited by hand, or two applies that did not share a lock). Nothing was"
                + " changed; compare them and keep the right one.");
      }
    }
    try {
      AtomicFiles.write(stateFile, theirs.get().bytes());
    } catch (IOException e) {
      throw new StateException(
          StateException.Kind.IO,
          "Cannot write " + stateFile + ": " + SafeFiles.reason(e) + ". Nothing was changed.",
          e);
    }
    notices.add(
        "Brought the state from " + store.describe() + ": it is now at serial " + t.serial() + ".");
  }

  @Override
  public Optional<StateHeader> peek() throws StateException {
    try {
      Optional<ObjectStore.Versioned> v = store.read();
      if (v.isEmpty() || v.get().bytes().length == 0) return Optional.empty();
      return Optional.of(StateHeader.of(v.get().bytes(), "in " + store.describe()));
    } catch (IOException e) {
      throw remote(
          "Cannot read the state from " + store.describe() + ": " + GitBackend.reason(e) + ".", e);
    }
  }

  // ---------------------------------------------------------------- lock

  @Override
  public Lock lock(String operation) throws StateException {
    LockInfo info = StateLock.newInfo(clock, operation);
    boolean ours;
    try {
      ours = store.lock(info);
    } catch (IOException e) {
      throw remote(
          "Cannot take the lock at "
              + store.describeLock()
              + ": "
              + GitBackend.reason(e)
              + ". Nothing was changed.",
          e);
    }
    if (!ours) {
      Optional<LockInfo> h = holderOrEmpty();
      throw new StateException(
          StateException.Kind.LOCKED,
          h.isPresent()
              ? StateLock.heldBy(h.get())
              : "The state is locked at "
                  + store.describeLock()
                  + " by a lock that cannot be read (or was just released); run the command"
                  + " again.");
    }
    return new Held(info);
  }

  private Optional<LockInfo> holderOrEmpty() {
    try {
      return store.holder();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  @Override
  public Optional<LockInfo> holder() throws StateException {
    try {
      return store.holder();
    } catch (IOException e) {
      throw remote(
          "Cannot read the lock at " + store.describeLock() + ": " + GitBackend.reason(e) + ".", e);
    }
  }

  @Override
  public LockInfo forceUnlock(String id) throws StateException {
    Optional<LockInfo> cur = holder();
    if (cur.isEmpty()) {
      throw new StateException(
          StateException.Kind.LOCK_MISMATCH, "The state is not locked at " + store.describeLock());
    }
    LockInfo h = cur.get();
    if (h.foreign()) {
      throw new StateException(StateException.Kind.LOCK_MISMATCH, StateLock.heldBy(h));
    }
    if (!MessageDigest.isEqual(
        h.id().getBytes(StandardCharsets.UTF_8), id.getBytes(StandardCharsets.UTF_8))) {
      throw StateLock.wrongId(h, id, "");
    }
    try {
      if (!store.unlock(h)) {
        throw new StateException(
            StateException.Kind.LOCK_MISMATCH,
            "The lock at "
                + store.describeLock()
                + " changed while it was being removed; look"
                + " again.");
      }
    } catch (IOException e) {
      throw remote(
          "Cannot remove the lock at " + store.describeLock() + ": " + GitBackend.reason(e) + ".",
          e);
    }
    return h;
  }

  /** The lock this run holds; {@link #publish} writes the state under it. */
  private final class Held implements Lock {
    private final LockInfo info;
    private boolean keep;

    Held(LockInfo info) {
      this.info = info;
    }

    @Override
    public LockInfo info() {
      return info;
    }

    @Override
    public void publish(String operation) throws StateException {
      keep = true; // until the write is through
      Optional<byte[]> mine = working();
      synchronized (ObjectBackend.this) {
        if (mine.isEmpty() || (seen.isPresent() && Arrays.equals(seen.get().bytes(), mine.get()))) {
          keep = false; // nothing the store lacks
          return;
        }
        String etag;
        try {
          Optional<String> written = store.write(mine.get(), seen.map(ObjectStore.Versioned::etag));
          if (written.isPresent()) {
            etag = written.get();
          } else {
            // A write whose answer was lost, retried by the SDK, fails its own condition: then
            // the object holds exactly our bytes, and the write did happen.
            Optional<ObjectStore.Versioned> now = store.read();
            if (now.isEmpty() || !Arrays.equals(now.get().bytes(), mine.get())) {
              throw changedRemotely();
            }
            etag = now.get().etag();
          }
        } catch (IOException e) {
          throw unpublished(e);
        }
        seen = Optional.of(new ObjectStore.Versioned(mine.get(), etag));
        keep = false;
      }
    }

    private StateException changedRemotely() {
      return remote(
          "The state in "
              + store.describe()
              + " changed while this run held its lock (someone wrote it without the lock)."
              + " Nothing was written there; this run's state is in "
              + stateFile
              + ", and the lock is kept so no one applies over either. Compare them, put the"
              + " right one in place, then run `pool force-unlock "
              + info.id()
              + "`.");
    }

    private StateException unpublished(IOException cause) {
      return remote(
          "The state could not be written to "
              + store.describe()
              + ": "
              + GitBackend.reason(cause)
              + ". Nothing is lost: it is in "
              + stateFile
              + ", and the lock is kept. When "
              + store.describe()
              + " is reachable, run `pool force-unlock "
              + info.id()
              + "`, then `pool apply` from this directory: with nothing to change, it writes the"
              + " state.",
          cause);
    }

    @Override
    public void abandon() {
      keep = true; // the store has not seen this run's steps: the next run publishes them
    }

    @Override
    public void close() {
      if (keep) return;
      try {
        store.unlock(info);
      } catch (IOException e) {
        // A lock left behind is safe: the next run names it and force-unlock clears it.
      }
    }
  }

  // ---------------------------------------------------------------- helpers

  private Optional<byte[]> working() throws StateException {
    return WorkingFile.read(stateFile);
  }

  private static StateException remote(String message) {
    return new StateException(StateException.Kind.REMOTE, message);
  }

  private static StateException remote(String message, Throwable cause) {
    return new StateException(StateException.Kind.REMOTE, message, cause);
  }
}
