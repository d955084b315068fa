package dev.poolform.runtime;

import dev.poolform.runtime.state.ResourceState;
import java.util.Optional;

/**
 * What {@code pool import} did.
 *
 * @param resource the new state entry
 * @param claimedBy set when {@code --force} took a group whose tags name another state's lineage:
 *     {@code "pool.x of lineage L"}, for the warning
 * @param wasReleased the group was one this state had released ({@code pool state rm}); importing
 *     takes it back
 */
public record ImportResult(
    ResourceState resource, Optional<String> claimedBy, boolean wasReleased) {}
