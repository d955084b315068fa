/**
 * Content hashes of what the runtime writes: {@code sha256:} of a tree's compact canonical JSON.
 * The canonical writer itself, and the IR and value codecs, are the {@code ir} module's {@code
 * dev.poolform.ir.json}, shared with the compiler's output.
 */
package dev.poolform.runtime.json;
