package dev.poolform.runtime.state;

/**
 * The state cannot be used as it is. The message is one or two sentences for the user, saying what
 * is wrong and what to do; nothing on disk was changed.
 */
public final class StateException extends Exception {
  public enum Kind {
    /** Not JSON, truncated, or missing required fields. */
    CORRUPT,
    /** Written by a newer Poolform. */
    NEWER_FORMAT,
    /** From a different configuration (another lineage) than expected. */
    FOREIGN_LINEAGE,
    /** Written for another configuration ({@link StateOwner}). */
    OTHER_CONFIGURATION,
    /**
     * A single-file configuration's own state does not exist yet, but a {@code pool.state.json} an
     * older Poolform wrote for the folder may be it.
     */
    LEGACY_STATE,
    /**
     * A directory configuration's own state does not exist yet, but one of its files kept a state
     * of its own as a single-file configuration (the file was split into the folder).
     */
    FILE_STATE,
    /** Older than the newest state this workspace has seen (e.g. an old git checkout). */
    OLDER_SERIAL,
    /** The state file is gone though this workspace has seen one. */
    MISSING,
    /** Another process holds the lock. */
    LOCKED,
    /** force-unlock with an id that does not match the lock, or no lock. */
    LOCK_MISMATCH,
    /** A state command named an address that is not in state, or one that is taken. */
    ADDRESS,
    /** {@code pool import} of a group whose tags name another state's lineage (needs --force). */
    CLAIMED,
    /** Reading or writing the file failed. */
    IO,
    /**
     * The key for secret digests is missing or unusable: without it Poolform cannot tell whether a
     * secret changed (docs/runtime.md#secrets).
     */
    KEY,
    /**
     * The shared copy of the state (a git remote, a bucket, a blob) disagrees with this one: it is
     * newer, it changed while this run held the lock, or it could not be reached. The message says
     * what to run.
     */
    REMOTE
  }

  private final Kind kind;

  public StateException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public StateException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
