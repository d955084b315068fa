package dev.poolform.runtime.backend;

import dev.poolform.files.SafeFiles;
import dev.poolform.runtime.state.LockInfo;
import dev.poolform.runtime.state.StateException;
import dev.poolform.runtime.state.StateLock;
import dev.poolform.runtime.state.StateStore;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The default: the state file itself is the shared state (shared through git by hand, or not at
 * all), and the lock is the file beside it ({@link StateLock}).
 */
public final class LocalBackend implements StateBackend {
  private final StateLock lock;

  public LocalBackend(StateLock lock) {
    this.lock = lock;
  }

  @Override
  public String describe() {
    return "local file " + stateFile();
  }

  private Path stateFile() {
    return lock.file().resolveSibling(stateName());
  }

  private String stateName() {
    String n = lock.file().getFileName().toString();
    return n.substring(0, n.length() - ".lock".length());
  }

  @Override
  public void sync() {}

  @Override
  public Lock lock(String operation) throws StateException {
    StateLock.Held held = lock.acquire(operation);
    return new Lock() {
      @Override
      public LockInfo info() {
        return held.info();
      }

      @Override
      public void publish(String op) {}

      @Override
      public void abandon() {
        held.close();
      }

      @Override
      public void close() {
        held.close();
      }
    };
  }

  /** The local file is the shared copy: its header, if it is there. */
  @Override
  public Optional<StateHeader> peek() throws StateException {
    Path file = stateFile();
    try {
      return Optional.of(
          StateHeader.of(SafeFiles.readRegular(file, StateStore.MAX_BYTES), file.toString()));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new StateException(
          StateException.Kind.IO, "Cannot read " + file + ": " + SafeFiles.reason(e) + ".", e);
    }
  }

  @Override
  public Optional<LockInfo> holder() throws StateException {
    try {
      return lock.read();
    } catch (IOException e) {
      throw new StateException(
          StateException.Kind.IO,
          "Cannot read the lock file " + lock.file() + ": " + SafeFiles.reason(e) + ".",
          e);
    }
  }

  @Override
  public LockInfo forceUnlock(String id) throws StateException {
    return lock.forceUnlock(id);
  }

  @Override
  public List<String> notices() {
    return List.of();
  }
}
