/**
 * Source files and spans: where every diagnostic, AST node and IR attribute came from. Offsets are
 * stored; line and column are computed on demand.
 */
package dev.poolform.source;
