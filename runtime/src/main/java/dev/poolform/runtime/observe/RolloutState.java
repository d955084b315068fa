package dev.poolform.runtime.observe;

/**
 * A rollout in progress on a pool.
 *
 * @param engine {@code poolform} (ours: an apply was interrupted or is running) or {@code cloud}
 *     (an AWS instance refresh or Azure rolling upgrade)
 * @param percent 0..100: machines on the new spec for ours, the cloud's own figure for the cloud's
 * @param phase for the cloud's, its phase ({@code in_progress}, {@code failed}...); {@code
 *     in_progress} for ours
 * @param message the cloud's words, if any
 */
public record RolloutState(String engine, int percent, String phase, String message) {}
