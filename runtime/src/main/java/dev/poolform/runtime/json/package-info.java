/**
 * Canonical JSON for everything the runtime writes (state, plans, plan files, events): sorted keys,
 * two-space indent, {@code \n} line ends and a trailing newline, so that the same content is always
 * the same bytes and git diffs of {@code pool.state.json} show exactly what changed. Also the one
 * mapping from language {@link dev.poolform.stdlib.value.Value}s to JSON, which never lets a secret
 * through (only its SHA-256).
 */
package dev.poolform.runtime.json;
