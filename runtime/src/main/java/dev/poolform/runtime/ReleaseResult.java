package dev.poolform.runtime;

import dev.poolform.runtime.state.ReleasedGroup;
import dev.poolform.runtime.state.State;
import java.util.Optional;

/**
 * What {@code pool state rm} did.
 *
 * @param state the state as written
 * @param released the group given up, as state now remembers it; empty when the group was already
 *     gone from the cloud (only the entry was removed)
 * @param untagProblem why the group's ownership tags could not be removed, if they could not (the
 *     state still remembers it as released)
 */
public record ReleaseResult(
    State state, Optional<ReleasedGroup> released, Optional<String> untagProblem) {}
