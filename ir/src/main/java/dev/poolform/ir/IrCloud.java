package dev.poolform.ir;

import dev.poolform.stdlib.value.MapValue;

/**
 * A cloud as pools refer to it.
 *
 * @param kind {@code local}, {@code aws} or {@code azure}
 * @param name the declared name (unique across kinds)
 * @param settings the evaluated cloud block, e.g. {@code region}
 */
public record IrCloud(String kind, String name, MapValue settings) {}
