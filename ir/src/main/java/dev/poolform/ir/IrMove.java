package dev.poolform.ir;

import dev.poolform.source.Span;

/**
 * A {@code moved} block (docs/language.md#moved): the pool state knows as {@code from} is the
 * configuration's {@code to} now. The planner moves the state entry; the cloud group stays.
 *
 * @param from the old address, {@code pool.NAME}
 * @param to the new address, a pool of the configuration
 * @param span the block, for located errors at plan time
 */
public record IrMove(String from, String to, Span span) {}
