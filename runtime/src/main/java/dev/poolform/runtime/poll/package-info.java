/**
 * Shared, batched reads while steps wait. During an apply many pools' steps poll the same cloud at
 * once (a rollout reads its group's machines every poll interval); {@link PolledSession} wraps a
 * session whose provider reads many groups in one call ({@code CloudSession.pollsInBatches}) so
 * that those polls are answered from one {@code observe} call per tick for all of them, with
 * backoff while nothing changes. Writes pass through and make the next answer for that group wait
 * for a look taken after them. The engine's logic does not change: it still calls {@code machines}
 * and {@code read} on what it thinks is the cloud's session.
 */
package dev.poolform.runtime.poll;
