package dev.poolform.runtime.local;

import dev.poolform.runtime.provider.ProviderException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * The files of one local cloud: {@code <dir>/<group>.json}, one per group, and {@code <dir>/.lock}.
 *
 * <p>Every read-modify-write runs inside {@link #locked}: an in-process lock (a file lock belongs
 * to the whole JVM, so threads of one apply must exclude each other first) and then an exclusive
 * {@link FileChannel#lock()} on {@code .lock} against other processes ({@code pool local kill}
 * while an apply runs). A group file is replaced by write-to-temp, fsync, atomic rename, fsync of
 * the directory, so a reader or a crash sees the old file or the new one, never a torn one.
 */
final class GroupStore {
  private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();
  private static final String SUFFIX = ".json";

  private final Path dir;

  GroupStore(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
  }

  Path dir() {
    return dir;
  }

  Path fileOf(String name) {
    return dir.resolve(name + SUFFIX);
  }

  /** An action on the files, run while holding the cloud's lock. */
  interface Action<T> {
    T run() throws ProviderException, IOException;
  }

  /**
   * Runs {@code action} holding the lock. With {@code create} false and no directory yet, there is
   * nothing to lock or read, and the action runs without creating anything (a plan leaves no
   * trace).
   */
  <T> T locked(boolean create, Action<T> action) throws ProviderException {
    ReentrantLock jvm = JVM_LOCKS.computeIfAbsent(dir, d -> new ReentrantLock());
    jvm.lock();
    try {
      if (!create && !Files.isDirectory(dir)) return action.run();
      Files.createDirectories(dir);
      try (FileChannel ch =
              FileChannel.open(
                  dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock ignored = ch.lock()) {
        return action.run();
      }
    } catch (IOException e) {
      throw new ProviderException(
          ProviderException.Kind.OTHER,
          null,
          null,
          "local cloud: cannot use " + dir + ": " + e.getMessage(),
          e);
    } finally {
      jvm.unlock();
    }
  }

  /** Call inside {@link #locked}. */
  Optional<LocalGroup> read(String name) throws ProviderException, IOException {
    Path f = fileOf(name);
    String text;
    try {
      text = Files.readString(f, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    try {
      return Optional.of(GroupCodec.decode(text));
    } catch (GroupCodec.CorruptGroupException e) {
      throw new ProviderException(
          ProviderException.Kind.OTHER,
          null,
          null,
          "local cloud: " + f + " is not a valid group file (" + e.getMessage() + ")",
          e);
    }
  }

  /** Call inside {@link #locked}. */
  void write(LocalGroup g) throws IOException {
    Path target = fileOf(g.name());
    Path tmp = dir.resolve(g.name() + SUFFIX + ".tmp");
    byte[] bytes = GroupCodec.encode(g).getBytes(StandardCharsets.UTF_8);
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) ch.write(buf);
      ch.force(true);
    }
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
    syncDir();
  }

  /** Call inside {@link #locked}. Deleting a group that is not there is not an error. */
  void delete(String name) throws IOException {
    if (Files.deleteIfExists(fileOf(name))) syncDir();
  }

  /** Names of the groups present, sorted. Call inside {@link #locked}. */
  List<String> names() throws IOException {
    if (!Files.isDirectory(dir)) return List.of();
    List<String> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(SUFFIX) && !n.startsWith("."))
          .forEach(n -> out.add(n.substring(0, n.length() - SUFFIX.length())));
    }
    out.sort(null);
    return out;
  }

  /** Makes a rename durable; directories cannot be opened for sync on every OS. */
  private void syncDir() {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Best effort: the rename itself is atomic either way.
    }
  }
}
