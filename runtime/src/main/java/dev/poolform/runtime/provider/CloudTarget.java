package dev.poolform.runtime.provider;

import dev.poolform.ir.IrCloud;

/**
 * The cloud a session talks to, and which Poolform configuration owns what it creates.
 *
 * @param cloud the declared cloud (kind, name, settings)
 * @param lineage the state lineage; every resource is tagged {@code poolform:lineage} with it
 */
public record CloudTarget(IrCloud cloud, String lineage) {}
