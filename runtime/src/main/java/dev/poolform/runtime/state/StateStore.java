package dev.poolform.runtime.state;

import dev.poolform.files.SafeFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * Reads and writes one state file. Reads refuse ({@link StateRefusals}: a {@link StateException},
 * changing nothing) a file that is corrupt, from a newer format, from another lineage, or older
 * than the newest this workspace has seen. Reads refuse anything but a regular file of at most
 * {@link #MAX_BYTES}, without opening it (a FIFO would block, a device never end). Writes are
 * atomic ({@link AtomicFiles}), go through a symbolic link to the file it names, keep the previous
 * version as {@code .backup}, and raise the serial only when the content changed.
 *
 * <p>One store instance is one writer: the caller holds the {@link StateLock} while it writes.
 */
public final class StateStore {
  /**
   * The largest state file read: far above any real state (a thousand pools take a few MiB), and
   * small enough that a state path pointing at something endless fails with a message, not an
   * OutOfMemoryError.
   */
  public static final long MAX_BYTES = 256L << 20;

  /** The largest journal read: compaction keeps a journal near twice the state's size. */
  static final long JOURNAL_MAX_BYTES = 4 * MAX_BYTES;

  /** Journal bytes allowed beyond twice the state's size before a compaction (see append). */
  private static final long COMPACT_SLACK = 4L << 20;

  private final Path path;
  private final SeenRecord seen;
  private final StateLock lock;
  private final Optional<StateOwner> owner;

  /**
   * fsync on every write (the default). Engine tests on simulated clouds turn it off with the
   * system property {@code poolform.state.fsync=false}: they test decisions, not disks.
   */
  private final boolean durable =
      Boolean.parseBoolean(System.getProperty("poolform.state.fsync", "true"));

  /** The bytes last read from or written to disk, null if there is no file yet. */
  private byte[] onDisk;

  /** The state those bytes hold (serial and tool version as on disk). */
  private State onDiskState;

  private final StateCodec.Fragments fragments = new StateCodec.Fragments();

  private long diskSerial;
  private String diskToolVersion = StateCodec.TOOL_VERSION;

  /** The serial of the state file itself (below {@link #diskSerial} while a journal extends it). */
  private long fileSerial;

  /** The journal this store appends to, open from an apply's first step until it is compacted. */
  private StateJournal journal;

  public StateStore(Path path, Clock clock) {
    this(path, clock, Optional.empty());
  }

  /**
   * @param owner the configuration the state belongs to: reads refuse a state of another one, and
   *     writes record it
   */
  public StateStore(Path path, Clock clock, Optional<StateOwner> owner) {
    this.path = path.toAbsolutePath();
    this.seen = new SeenRecord(this.path);
    this.lock = new StateLock(lockedPath(this.path), clock);
    this.owner = owner;
  }

  /**
   * The file the lock guards: where a symbolic link leads, so that every workspace whose state path
   * links to one file takes the same lock. A link that cannot be followed is locked as given
   * (reading it then fails with the reason).
   */
  private static Path lockedPath(Path path) {
    try {
      return SafeFiles.followLinks(path);
    } catch (IOException e) {
      return path;
    }
  }

  public Path path() {
    return path;
  }

  /** The journal of an apply's steps not yet folded into the state file. */
  public Path journalPath() {
    return StateJournal.pathFor(path);
  }

  public Path backupPath() {
    return path.resolveSibling(path.getFileName() + ".backup");
  }

  public StateLock lock() {
    return lock;
  }

  public SeenRecord seen() {
    return seen;
  }

  /**
   * Reads the state. A missing file gives {@link State#empty()} unless this workspace has seen a
   * state here before (then it was deleted or checked out away: refused as MISSING).
   *
   * @param expectedLineage when present (a saved plan, a caller that knows), the state must have it
   */
  public synchronized State read(Optional<String> expectedLineage) throws StateException {
    // A read during an apply of this store's own: fold the steps in first, then read as anyone.
    if (journal != null) compact();
    String name = path.getFileName().toString();
    for (int attempt = 1; ; attempt++) {
      try {
        return readOnce(expectedLineage, name);
      } catch (JournalMismatch e) {
        // Without the lock this may be another process compacting between our two reads: read
        // again. With it (or persistently), the journal belongs to another state file.
        if (lock.heldHere() || attempt == 3) throw e.refusal;
      }
    }
  }

  /** The state file and the journal did not go together (see {@link #read}). */
  private static final class JournalMismatch extends Exception {
    private static final long serialVersionUID = 1L;
    final transient StateException refusal;

    JournalMismatch(StateException refusal) {
      super(refusal.getMessage(), null, false, false);
      this.refusal = refusal;
    }
  }

  private State readOnce(Optional<String> expectedLineage, String name)
      throws StateException, JournalMismatch {
    // The seen record first: writers update it after the state file, so a read racing a write
    // sees a record no newer than the file and cannot mistake the file for an old one.
    Optional<SeenRecord.Seen> last = seen.get();
    byte[] bytes;
    try {
      bytes = SafeFiles.readRegular(path, MAX_BYTES);
    } catch (NoSuchFileException e) {
      if (Files.exists(journalPath(), LinkOption.NOFOLLOW_LINKS)) {
        throw new JournalMismatch(
            StateRefusals.journalWithoutFile(name, journalPath(), backupPath()));
      }
      StateRefusals.refuseIfSeen(name, last, seen.file());
      if (owner.isPresent()) owner.get().refuseFresh(path);
      onDisk = null;
      diskSerial = 0;
      fileSerial = 0;
      return fresh(expectedLineage);
    } catch (IOException e) {
      throw new StateException(
          StateException.Kind.IO, "Cannot read " + path + ": " + SafeFiles.reason(e) + ".", e);
    }
    State base = StateRefusals.decode(bytes, name);
    State s = withJournal(base, name);
    if (expectedLineage.isPresent() && !expectedLineage.get().equals(s.lineage())) {
      throw StateRefusals.foreign(
          name, s.lineage(), expectedLineage.get(), "the plan or caller expected another one");
    }
    if (owner.isPresent()) owner.get().check(s, path);
    if (last.isPresent()) StateRefusals.checkAgainstSeen(s, name, last.get(), seen.file());
    onDisk = bytes;
    onDiskState = s;
    diskSerial = s.serial();
    fileSerial = base.serial();
    diskToolVersion = s.toolVersion();
    if (lock.heldHere() && Files.exists(journalPath(), LinkOption.NOFOLLOW_LINKS)) {
      // Recovery: the previous apply stopped before folding its steps in. Whoever holds the lock
      // does it now, so that what git sees is one canonical file again.
      compactFile();
      return onDiskState;
    }
    try {
      seen.record(s.lineage(), s.serial());
    } catch (IOException e) {
      // seen.json is a safety net, not the source of truth; a read-only workspace can still plan.
    }
    return s;
  }

  /**
   * {@code base} with the steps of its journal applied, if there is one that extends it. A journal
   * over an older serial of the same lineage is left over from a compaction that wrote the file and
   * stopped before removing it: its steps are in the file already.
   */
  private State withJournal(State base, String name) throws StateException, JournalMismatch {
    Optional<StateJournal.Contents> j;
    try {
      j = StateJournal.read(journalPath(), JOURNAL_MAX_BYTES);
    } catch (IOException e) {
      throw new StateException(
          StateException.Kind.IO,
          "Cannot read " + journalPath() + ": " + SafeFiles.reason(e) + ".",
          e);
    }
    if (j.isEmpty()) return base;
    StateJournal.Contents c = j.get();
    String jname = journalPath().getFileName().toString();
    // A journal over an older serial is left over from a compaction that wrote the file and died
    // before removing it only if the file is exactly where its last step took the state; a file
    // moved on otherwise (a teammate's newer state pulled over an interrupted apply) must not
    // silently drop the steps.
    long last = c.baseSerial() + c.steps().size();
    // A torn last record of such a leftover (damage after the fact: its write had returned, or the
    // compaction would not have taken it) still counts as the step the file took.
    boolean compacted =
        c.baseSerial() < base.serial()
            && (last == base.serial() || (c.torn() && last + 1 == base.serial()));
    if (!c.lineage().equals(base.lineage()) || (c.baseSerial() != base.serial() && !compacted)) {
      throw new JournalMismatch(StateRefusals.journalOfAnother(jname, c, name, base));
    }
    if (compacted) return base;
    return StateJournal.replay(base, c, jname);
  }

  /** A plan made before the first state write carries the lineage it chose; keep it. */
  private static State fresh(Optional<String> expectedLineage) {
    State fresh = State.empty();
    return expectedLineage
        .map(
            l ->
                new State(
                    fresh.formatVersion(),
                    0,
                    l,
                    fresh.toolVersion(),
                    fresh.resources(),
                    fresh.pending()))
        .orElse(fresh);
  }

  /**
   * Writes {@code next} whole if its content differs from what is on disk (serial and tool version
   * aside); returns the state as it now is on disk (with its serial). Commands that change state
   * once (state rm, import) write this way; an apply {@link #append}s.
   */
  public synchronized State write(State next) throws StateException {
    if (owner.isPresent()) next = next.withConfiguration(owner.get().recorded(path));
    State same = next.withSerial(diskSerial).withToolVersion(diskToolVersion);
    // Comparing records is much cheaper than encoding a large state to compare bytes.
    if (onDisk != null && same.equals(onDiskState)) return same;
    State written = next.withSerial(raisedSerial()).withToolVersion(StateCodec.TOOL_VERSION);
    closeJournal();
    onDiskState = written;
    diskSerial = written.serial();
    diskToolVersion = written.toolVersion();
    compactFile();
    return written;
  }

  /**
   * Records {@code next} as one step in the journal (starting it at the first), so that each step
   * writes what it changed, not the whole state; like {@link #write} otherwise. The first write to
   * a workspace with no state file yet makes the file. {@link #compact} folds the steps in.
   */
  public synchronized State append(State next) throws StateException {
    if (owner.isPresent()) next = next.withConfiguration(owner.get().recorded(path));
    // A step records resources, pending intents and the serial; anything else that changes (a
    // released group, the configuration the state belongs to: rare) is written whole.
    if (onDisk == null
        || !next.lineage().equals(onDiskState.lineage())
        || !next.released().equals(onDiskState.released())
        || !next.configuration().equals(onDiskState.configuration())) {
      return write(next);
    }
    StateJournal.Step step = StateJournal.Step.between(onDiskState, next);
    if (step.isEmpty() && next.pending().equals(onDiskState.pending())) {
      return next.withSerial(diskSerial).withToolVersion(diskToolVersion);
    }
    State written = next.withSerial(raisedSerial()).withToolVersion(StateCodec.TOOL_VERSION);
    try {
      if (journal == null) {
        // A journal read but not folded in (the read did not hold this store's lock): fold it in
        // first, since starting a new journal replaces the old one's steps.
        if (fileSerial != diskSerial) compactFile();
        journal = StateJournal.start(journalPath(), onDiskState.lineage(), fileSerial, durable);
      }
      journal.append(step, written);
    } catch (IOException e) {
      throw new StateException(
          StateException.Kind.IO,
          "Cannot write " + journalPath() + ": " + SafeFiles.reason(e) + ".",
          e);
    }
    onDiskState = written;
    diskSerial = written.serial();
    diskToolVersion = written.toolVersion();
    // Fold the steps in once they outgrow the state: every byte of the file is then rewritten
    // only after at least twice as many journal bytes, so an apply still writes O(steps) bytes,
    // and a journal never grows without bound.
    if (journal.size() > 2L * onDisk.length + COMPACT_SLACK) compact();
    return written;
  }

  /**
   * Folds the journal into the state file: the file then holds exactly what {@link #write} would
   * have written after the last step (the same bytes and serial), the previous file is kept as
   * {@code .backup}, and the journal goes. Nothing to do without a journal.
   */
  public synchronized void compact() throws StateException {
    if (journal == null) return;
    closeJournal();
    compactFile();
  }

  private void closeJournal() {
    if (journal == null) return;
    try {
      journal.close();
    } catch (IOException e) {
      // Every step was synced as it was appended; closing adds nothing that must succeed.
    }
    journal = null;
  }

  /**
   * Writes {@link #onDiskState} to the file if the file is behind it, then removes any journal. A
   * crash between the two leaves a journal over an older serial, which reads ignore.
   */
  private void compactFile() throws StateException {
    try {
      if (onDisk == null || fileSerial != diskSerial) {
        byte[] bytes = StateCodec.encode(onDiskState, fragments);
        if (onDisk != null) AtomicFiles.write(backupPath(), onDisk, false);
        AtomicFiles.write(path, bytes, durable);
        // `apply --commit` tells Poolform's own writes from hand edits by this record.
        dev.poolform.runtime.git.StateWriteLedger.record(path);
        onDisk = bytes;
        fileSerial = diskSerial;
      }
      StateJournal.delete(journalPath(), durable);
    } catch (IOException e) {
      throw new StateException(
          StateException.Kind.IO, "Cannot write " + path + ": " + SafeFiles.reason(e) + ".", e);
    }
    try {
      seen.record(onDiskState.lineage(), onDiskState.serial());
    } catch (IOException e) {
      // See read(): losing the seen record only weakens the stale-checkout check.
    }
  }

  /** The serial the next changed state gets. */
  private long raisedSerial() throws StateException {
    if (diskSerial == Long.MAX_VALUE) {
      // Only a hand-edited file gets here (a write a nanosecond would take 292 years): wrapping
      // to a negative serial would make every later state look older than this one.
      throw new StateException(
          StateException.Kind.CORRUPT,
          path.getFileName()
              + " has serial "
              + diskSerial
              + ", the largest there is: it cannot be raised. Restore the state from git or"
              + " from "
              + backupPath().getFileName()
              + "; nothing was changed.");
    }
    return diskSerial + 1;
  }

  /**
   * Reads a state to restore ({@code pool state restore FILE}: a {@code .backup}, an older state
   * from git) without the checks that refuse going back: it must decode, belong to this
   * configuration and have the lineage of the state it replaces (the file here, or else the one
   * this workspace last saw). Its serial may be older: that is the point of a restore.
   */
  public synchronized State readRestore(Path file) throws StateException {
    String name = file.getFileName().toString();
    byte[] bytes;
    try {
      bytes = SafeFiles.readRegular(file, MAX_BYTES);
    } catch (IOException e) {
      throw new StateException(
          StateException.Kind.IO, "Cannot read " + file + ": " + SafeFiles.reason(e) + ".", e);
    }
    State s = StateRefusals.decode(bytes, name);
    if (owner.isPresent()) owner.get().check(s, path);
    Optional<String> current = currentLineage();
    if (current.isPresent() && !current.get().equals(s.lineage())) {
      throw StateRefusals.foreignRestore(name, s.lineage(), path, current.get());
    }
    return s;
  }

  /** The lineage of the state here: the file's, or the one this workspace last saw. */
  private Optional<String> currentLineage() {
    try {
      return Optional.of(
          StateRefusals.decode(
                  SafeFiles.readRegular(path, MAX_BYTES), path.getFileName().toString())
              .lineage());
    } catch (IOException | StateException e) {
      return seen.get().map(SeenRecord.Seen::lineage);
    }
  }

  /**
   * Writes {@code restored} (from {@link #readRestore}) as the state, with a serial above both the
   * file it replaces and the newest this workspace saw, so the seen-serial check accepts it from
   * now on; the replaced file is kept as {@code .backup}. The caller holds the lock.
   */
  public synchronized State restore(State restored) throws StateException {
    // The steps of an interrupted apply belong to the state being replaced: folded into it first
    // (a read under the lock does), they are kept in the backup with it; steps that do not fit it
    // go with it, and the restored state is numbered above them too.
    try {
      read(Optional.empty());
    } catch (StateException e) {
      // A state that cannot be read is what a restore is for.
    }
    byte[] current = null;
    long serial = Math.max(seen.get().map(SeenRecord.Seen::serial).orElse(0L), journalSerial());
    try {
      current = SafeFiles.readRegular(path, MAX_BYTES);
      serial =
          Math.max(serial, StateRefusals.decode(current, path.getFileName().toString()).serial());
    } catch (NoSuchFileException e) {
      // Nothing to keep as backup.
    } catch (IOException e) {
      throw new StateException(
          StateException.Kind.IO, "Cannot read " + path + ": " + SafeFiles.reason(e) + ".", e);
    } catch (StateException e) {
      // A corrupt state is what a restore is for; it is still kept as the backup.
    }
    onDisk = current;
    onDiskState = null;
    diskSerial = serial;
    diskToolVersion = restored.toolVersion();
    return write(restored);
  }

  /** The serial the journal's last step gave the state, or 0 without a readable journal. */
  private long journalSerial() {
    try {
      return StateJournal.read(journalPath(), JOURNAL_MAX_BYTES)
          .map(c -> c.baseSerial() + c.steps().size())
          .orElse(0L);
    } catch (IOException | StateException e) {
      return 0;
    }
  }
}
