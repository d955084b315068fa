/**
 * Turning an {@code aws} cloud block into SDK clients: settings (region, endpoint, profile),
 * credentials from the SDK's default chain checked before any call, and the retry strategy
 * (jittered backoff for throttling and 5xx within a deadline).
 */
package dev.poolform.provider.aws.connect;
