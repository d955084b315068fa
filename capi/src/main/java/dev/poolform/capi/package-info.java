/**
 * Cluster API interop: {@code pool compile --emit capi} ({@link dev.poolform.capi.emit}) and {@code
 * pool import capi} ({@link dev.poolform.capi.importer}). The compiler never depends on this
 * module; it reads only the IR.
 */
package dev.poolform.capi;
