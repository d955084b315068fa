package dev.poolform.runtime.provider;

import java.time.Instant;

/**
 * Something a cloud did to a group on its own account and recorded (an AWS scaling activity: a
 * launch, a termination, a failed launch), as {@code pool status} shows it.
 *
 * @param cloudId the group's id in its cloud
 * @param time when it started
 * @param status the cloud's word for how it went ({@code Successful}, {@code Failed}, {@code
 *     InProgress}, ...)
 * @param description what it did, in the cloud's words
 * @param cause why, in the cloud's words (empty when the cloud gave none)
 */
public record CloudEvent(
    String cloudId, Instant time, String status, String description, String cause) {}
