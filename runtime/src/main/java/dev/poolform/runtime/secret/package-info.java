/**
 * Secrets in the runtime: what state, plans, cloud tags and events carry instead of a secret's
 * value, and the keys that make it.
 *
 * <p>A secret is stored as a keyed digest, {@code hmac-sha256:<key id>:<hex>} ({@link Digests}),
 * never as its value or a plain hash of it: a plain SHA-256 in a file committed to git lets anyone
 * who can read the repository test guesses offline. The key ({@link StateKey}) is not in the
 * repository; it comes from a {@link KeySource} ({@code POOLFORM_STATE_KEY}, or a key file in the
 * user's config directory made on first use; a state backend may provide its own). Each digest
 * names its key, so a key can be rotated ({@link KeyRing}: the first key makes new digests, older
 * ones still verify) without a rollout.
 *
 * <p>Before planning, the {@link Sealer} gives every secret of the configuration its digest: the
 * one state already holds when it still verifies (so an unchanged secret never looks changed, under
 * an older key or the unkeyed digests of states before format 3), else a new one under the current
 * key. A digest that cannot be verified because its key is missing stops the run with a message
 * naming the key; it is never taken for a changed secret (that would roll out every pool). The
 * {@link Redactor} keeps secret values out of messages that come from the clouds.
 */
package dev.poolform.runtime.secret;
