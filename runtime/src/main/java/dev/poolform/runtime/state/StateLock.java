package dev.poolform.runtime.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolform.files.SafeFiles;
import dev.poolform.ir.json.CanonicalJson;
import dev.poolform.runtime.Instants;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The lock file {@code pool.state.json.lock}, published atomically (a hard link that fails when the
 * file exists) so only one process can hold it and it is never seen half-written. It is never taken
 * over automatically, not even when its holder died: a lock from a dead process on this host is
 * reported as such, and {@code pool force-unlock ID} removes it. (Taking it over silently would
 * race with a second process doing the same.)
 */
public final class StateLock {
  /** A lock record is a few hundred bytes; anything far larger is not one. */
  static final long MAX_BYTES = 64 * 1024;

  /** The same bound for a lock record read from elsewhere (a git ref, a bucket). */
  public static final int MAX_RECORD = (int) MAX_BYTES;

  private final Path file;
  private final Clock clock;

  /** The lock this instance holds, if any (the state store compacts its journal only then). */
  private volatile Held held;

  public StateLock(Path statePath, Clock clock) {
    this.file = statePath.toAbsolutePath().resolveSibling(statePath.getFileName() + ".lock");
    this.clock = clock;
  }

  public Path file() {
    return file;
  }

  /** A held lock; closing it removes the lock file if it is still ours. */
  public final class Held implements AutoCloseable {
    private final LockInfo info;

    private Held(LockInfo info) {
      this.info = info;
    }

    public LockInfo info() {
      return info;
    }

    @Override
    public void close() {
      if (held == this) held = null;
      try {
        Optional<LockInfo> cur = read();
        if (cur.isPresent() && cur.get().id().equals(info.id())) Files.deleteIfExists(file);
      } catch (IOException | StateException e) {
        // Leaving a lock behind is safe: the next run reports it and force-unlock clears it.
      }
    }
  }

  /** Whether this instance holds the lock now (taken by {@link #acquire}, not yet closed). */
  public boolean heldHere() {
    return held != null;
  }

  /** Takes the lock or fails at once, naming the holder. */
  public Held acquire(String operation) throws StateException {
    LockInfo info = newInfo(clock, operation);
    try {
      Files.createDirectories(file.getParent());
      publish(info);
      Held h = new Held(info);
      held = h;
      return h;
    } catch (FileAlreadyExistsException e) {
      Optional<LockInfo> holder;
      try {
        holder = read();
      } catch (IOException | StateException ex) {
        holder = Optional.empty();
      }
      throw new StateException(StateException.Kind.LOCKED, lockedMessage(holder));
    } catch (IOException e) {
      throw new StateException(
          StateException.Kind.IO,
          "Cannot create the lock file " + file + ": " + SafeFiles.reason(e) + ".",
          e);
    }
  }

  /**
   * Makes the lock file appear whole or not at all: the holder's record is written and synced to a
   * private temporary file first, then hard-linked to the lock's name, which fails if a lock exists
   * ({@code link(2)} is atomic). Creating the lock file and then writing into it would leave an
   * empty, unreadable lock behind a process killed in between, which no {@code force-unlock ID}
   * could name.
   */
  private void publish(LockInfo info) throws IOException {
    Path tmp = file.resolveSibling("." + file.getFileName() + "." + info.id() + ".tmp");
    try {
      try (FileChannel ch =
          FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ch.write(ByteBuffer.wrap(encode(info)));
        ch.force(true);
      }
      try {
        Files.createLink(file, tmp);
      } catch (UnsupportedOperationException e) {
        // A file system without hard links: exclusive create, then write (the weaker guarantee).
        try (OutputStream out =
            Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
          out.write(encode(info));
        }
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private String lockedMessage(Optional<LockInfo> holder) {
    if (holder.isEmpty()) {
      return "The state is locked ("
          + file.getFileName()
          + " exists but cannot be read). If no Poolform"
          + " process is running, delete "
          + file
          + ".";
    }
    return heldBy(holder.get());
  }

  /**
   * A force-unlock with an id that is not the holder's: names the holder, never the real id.
   *
   * @param alsoFrom where else the id can be found ("or from pool.state.json.lock"), or empty
   */
  public static StateException wrongId(LockInfo h, String id, String alsoFrom) {
    return new StateException(
        StateException.Kind.LOCK_MISMATCH,
        "The state is locked under another id than "
            + id
            + " ("
            + (h.recorded()
                ? "by "
                    + h.who()
                    + ", pid "
                    + h.pid()
                    + ", `"
                    + h.operation()
                    + "` since "
                    + Instants.text(h.when())
                : UNRECORDED_WHY)
            + "); the lock was not removed. Take the id from the message of the command that"
            + " found the state locked"
            + (alsoFrom.isEmpty() ? "" : ", " + alsoFrom)
            + ".");
  }

  /** Why a lock can be held with no holder recorded ({@link LockInfo#unrecorded}). */
  private static final String UNRECORDED_WHY =
      LockInfo.UNRECORDED
          + ": the lock was taken by a run that stopped before recording itself (killed, or its"
          + " machine lost, between taking the lock and writing who it is)";

  /**
   * What a user is told when {@code h} holds the lock: who, since when, and the way out; for a lock
   * with no holder recorded, why that can be and the way out; for another tool's, that Poolform
   * leaves it to that tool.
   */
  public static String heldBy(LockInfo h) {
    if (h.foreign()) {
      return "The state is locked by "
          + h.who()
          + " since "
          + Instants.text(h.when())
          + ". Poolform cannot remove a lock it did not take: release it with the tool that took"
          + " it.";
    }
    if (!h.recorded()) {
      return "The state is locked with "
          + UNRECORDED_WHY
          + ". If no run is going on, run `pool force-unlock "
          + h.id()
          + "` to break it.";
    }
    String holder =
        "The state is locked by "
            + h.who()
            + " (pid "
            + h.pid()
            + ", `"
            + h.operation()
            + "` since "
            + Instants.text(h.when())
            + ").";
    if (holderIsAlive(h)) {
      // Terraform's advice for a lock whose holder is gone would let two runs change the state at
      // once here: the holder is running, so the way out is to wait for it.
      return holder
          + " That process is still running on this host: wait for it to finish (or stop it)."
          + " Do not force-unlock a lock a running process holds: two runs would change the"
          + " state at once.";
    }
    String dead = holderIsDead(h) ? " That process is no longer running on this host." : "";
    return holder
        + dead
        + " If no Poolform process is using it, run `pool force-unlock "
        + h.id()
        + "`.";
  }

  /** What {@code pool force-unlock} says once it removed {@code h}. */
  public static String removed(LockInfo h) {
    return h.recorded()
        ? "The state lock " + h.id() + " was removed."
        : "The state lock " + h.id() + " was broken; it had " + UNRECORDED_WHY + ".";
  }

  /** True when the holder ran on this host and its process is gone. */
  public static boolean holderIsDead(LockInfo h) {
    return h.recorded() && h.host().equals(hostName()) && !running(h);
  }

  /** True when the holder ran on this host and its process still runs. */
  public static boolean holderIsAlive(LockInfo h) {
    return h.recorded() && h.host().equals(hostName()) && running(h);
  }

  /**
   * Whether the holder's pid runs a process that was started before the lock was taken: a process
   * started later only reuses the number of a holder that is gone. (The start time the system
   * reports is exact to about a second, hence the slack.)
   */
  private static boolean running(LockInfo h) {
    return ProcessHandle.of(h.pid())
        .filter(ProcessHandle::isAlive)
        .map(
            p ->
                p.info()
                    .startInstant()
                    .map(start -> !start.isAfter(h.when().plusSeconds(START_SLACK_SECONDS)))
                    .orElse(true))
        .orElse(false);
  }

  private static final long START_SLACK_SECONDS = 5;

  public Optional<LockInfo> read() throws IOException, StateException {
    byte[] bytes;
    try {
      bytes = SafeFiles.readRegular(file, MAX_BYTES);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (SafeFiles.Refused e) {
      throw new StateException(
          StateException.Kind.CORRUPT, "The lock file " + file + " is unusable: " + e.getMessage());
    }
    try {
      return Optional.of(decode(bytes));
    } catch (IOException e) {
      throw new StateException(
          StateException.Kind.CORRUPT, "The lock file " + file + " is unreadable.");
    }
  }

  /**
   * Removes the lock only if its id is {@code id}.
   *
   * @return the holder it removed
   */
  public LockInfo forceUnlock(String id) throws StateException {
    Optional<LockInfo> cur;
    try {
      cur = read();
    } catch (IOException e) {
      throw new StateException(
          StateException.Kind.IO, "Cannot read " + file + ": " + SafeFiles.reason(e) + ".", e);
    } catch (StateException e) {
      cur = Optional.empty();
      // An unreadable lock file can only be removed by hand: we cannot check its id.
      throw new StateException(
          StateException.Kind.LOCK_MISMATCH,
          e.getMessage() + " Delete it by hand if no Poolform process runs.");
    }
    if (cur.isEmpty())
      throw new StateException(StateException.Kind.LOCK_MISMATCH, "The state is not locked.");
    if (!MessageDigest.isEqual(
        cur.get().id().getBytes(StandardCharsets.UTF_8), id.getBytes(StandardCharsets.UTF_8))) {
      // Never the real id: it is all that stands between a mistyped (or stale) unlock and a lock a
      // running apply holds. Who holds it is enough to decide; the id is in the lock's message.
      throw wrongId(cur.get(), id, "or from " + file.getFileName());
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new StateException(
          StateException.Kind.IO, "Cannot remove " + file + ": " + SafeFiles.reason(e) + ".", e);
    }
    return cur.get();
  }

  /** A fresh lock record for this process: a random id, who runs it, when, and what for. */
  public static LockInfo newInfo(Clock clock, String operation) {
    return new LockInfo(
        UUID.randomUUID().toString(),
        who(),
        ProcessHandle.current().pid(),
        clock.instant(),
        operation);
  }

  /** The lock record as stored, in every backend: canonical JSON. */
  public static byte[] encode(LockInfo info) {
    return CanonicalJson.bytes(toJson(info));
  }

  /**
   * A stored lock record.
   *
   * @throws IOException when the bytes are not one
   */
  public static LockInfo decode(byte[] bytes) throws IOException {
    try {
      JsonNode n = CanonicalJson.parse(bytes);
      return new LockInfo(
          n.get("id").asText(),
          n.get("who").asText(),
          n.get("pid").asLong(),
          Instant.parse(n.get("when").asText()),
          n.get("operation").asText());
    } catch (RuntimeException e) {
      throw new IOException("not a lock record", e);
    }
  }

  static ObjectNode toJson(LockInfo i) {
    ObjectNode o = CanonicalJson.object();
    o.put("id", i.id());
    o.put("who", i.who());
    o.put("pid", i.pid());
    o.put("when", i.when().toString());
    o.put("operation", i.operation());
    return o;
  }

  private static String who() {
    return System.getProperty("user.name", "unknown") + "@" + hostName();
  }

  static String hostName() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) return env;
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }
}
