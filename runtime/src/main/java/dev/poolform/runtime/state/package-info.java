/**
 * The state file {@code pool.state.json}: what Poolform created and last applied, kept beside the
 * configuration and committed to git.
 *
 * <p>Records ({@link State}, {@link ResourceState}, {@link PendingIntent}, ...), a canonical codec
 * ({@link StateCodec}) with upgraders from older format versions ({@link StateUpgrader}), a store
 * that reads defensively and writes atomically ({@link StateStore}: temp file + fsync + rename +
 * directory fsync, a {@code .backup} of the previous version, serial raised only on change), the
 * workspace's memory of the newest state it has seen ({@link SeenRecord}, to refuse a state that
 * went backwards after a git checkout), and the lock file ({@link StateLock}).
 *
 * <p>Refusals are {@link StateException}s with a sentence for the user and change nothing on disk
 * (what a read refuses, and why, is {@link StateRefusals}). Secrets are never stored: spec trees
 * carry their SHA-256 only.
 */
package dev.poolform.runtime.state;
