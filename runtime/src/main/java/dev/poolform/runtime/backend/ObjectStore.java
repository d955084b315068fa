package dev.poolform.runtime.backend;

import dev.poolform.runtime.state.LockInfo;
import java.io.IOException;
import java.util.Optional;

/**
 * One state object in a store that has conditional writes (an S3 bucket, an Azure blob container):
 * what a cloud module provides so that {@link ObjectBackend} can keep a state there. Every write is
 * conditional, so a store never overwrites what it has not seen.
 */
public interface ObjectStore extends AutoCloseable {

  /** Where the object is, for messages: {@code s3://bucket/key}. */
  String describe();

  /** Where the lock is, for messages: {@code s3://bucket/key.tflock}, a lease on the blob. */
  String describeLock();

  /**
   * The object and its ETag; empty when there is none. An empty object (a blob made only to be
   * leased) is no state yet, and its ETag conditions the first write.
   */
  Optional<Versioned> read() throws IOException;

  /**
   * Writes the object if it is still as last read: its ETag is {@code expected}, or, when {@code
   * expected} is empty, there is no object yet.
   *
   * @return the new ETag, or empty when the object moved (the write changed nothing)
   */
  Optional<String> write(byte[] bytes, Optional<String> expected) throws IOException;

  /**
   * Takes the lock for {@code info} if no one holds it: an atomic create-if-absent.
   *
   * @return false when someone holds it
   */
  boolean lock(LockInfo info) throws IOException;

  /** Who holds the lock, if anyone. */
  Optional<LockInfo> holder() throws IOException;

  /**
   * Removes the lock, if {@code holder} still holds it.
   *
   * @return false when the lock is not (or no longer) {@code holder}'s
   */
  boolean unlock(LockInfo holder) throws IOException;

  @Override
  void close();

  /**
   * An object's bytes and the ETag they were read with. The bytes are compared by content where it
   * matters ({@link java.util.Arrays#equals}), never through the record's equals.
   */
  @SuppressWarnings("ArrayRecordComponent")
  record Versioned(byte[] bytes, String etag) {}
}
