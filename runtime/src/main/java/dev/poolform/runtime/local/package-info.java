/**
 * The built-in {@code local} cloud: a simulated scaling-group cloud kept in files under {@code
 * <workspace>/.poolform/local/<cloud>/<group>.json}, so the quickstart, the end-to-end tests and
 * the crash tests run without an account or a network.
 *
 * <p>There is no daemon. Each group file records what happened up to the last time it was touched;
 * every read or write first advances the group to "now" from the clock ({@link
 * dev.poolform.runtime.local.GroupController}), the way a cloud's controller would have acted in
 * the meantime. Files are written atomically and every read-modify-write holds a lock ({@link
 * dev.poolform.runtime.local.GroupStore}), so {@code pool local ...} commands and a running apply
 * may act on the same cloud at once. {@link dev.poolform.runtime.local.LocalCloud} is the API both
 * the provider and the CLI's {@code pool local} commands use.
 */
package dev.poolform.runtime.local;
