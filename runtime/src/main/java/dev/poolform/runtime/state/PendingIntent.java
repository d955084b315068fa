package dev.poolform.runtime.state;

import java.time.Instant;

/**
 * A mutating cloud call the engine is about to make, written to state before the call and removed
 * after it: if the process dies in between, the next plan knows what may have happened.
 *
 * @param operation {@code create}, {@code update-model}, {@code update-metadata}, {@code
 *     set-capacity}, {@code terminate}, {@code delete}, {@code cloud-rollout}
 * @param address the pool
 * @param token the idempotency token passed to the cloud (reused when a create is retried)
 * @param expectedName the cloud resource name the call creates or touches
 * @param startedAt when the call started
 */
public record PendingIntent(
    String operation, String address, String token, String expectedName, Instant startedAt) {}
