/**
 * The JSON of the IR, in one place: the canonical writer and reader ({@link
 * dev.poolform.ir.json.CanonicalJson}: sorted keys, two-space indent, {@code \n} line ends, a
 * trailing newline, so the same content is always the same bytes), language values as JSON ({@link
 * dev.poolform.ir.json.ValueJson}, which never lets a secret through, only its SHA-256), and the IR
 * itself ({@link dev.poolform.ir.json.IrCodec}): what {@code pool compile --emit ir} prints, and
 * the applied spec state records and plans show.
 */
package dev.poolform.ir.json;
