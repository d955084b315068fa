/**
 * The state file in git: {@code pool apply --commit} commits the state file (and only it) with a
 * message summarising the apply, and refuses to start when the file carries edits that neither
 * git's HEAD nor Poolform's last write explain ({@link dev.poolform.runtime.git.StateRepo}).
 * Poolform's own writes are recognised by a ledger ({@link
 * dev.poolform.runtime.git.StateWriteLedger}): the SHA-256 of the bytes it last wrote.
 */
package dev.poolform.runtime.git;
