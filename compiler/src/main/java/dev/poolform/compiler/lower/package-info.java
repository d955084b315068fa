/**
 * Lowering: the checked, evaluated pools become IR records (module {@code ir}) with defaults filled
 * and every attribute path's source span recorded, so the runtime can point at source.
 */
package dev.poolform.compiler.lower;
