package dev.poolform.runtime.plan;

import dev.poolform.runtime.provider.GroupRef;

/**
 * A group carrying this state's lineage and a pool's address that state does not know and the
 * change does not adopt: an apply was killed between creating it and recording it (a create or a
 * replace). Apply deletes it before the change's own work, so nothing a crash left behind keeps
 * running unaccounted for.
 *
 * @param cloud {@code kind.name} of the cloud it lives on
 * @param group how to find it; {@code address} is its {@code poolform:address} tag
 */
public record StrayGroup(String cloud, GroupRef group) {}
