package dev.poolform.compiler.eval;

import dev.poolform.compiler.ast.Decl;
import dev.poolform.source.Span;
import dev.poolform.stdlib.value.CloudValue;

/**
 * One pool after unrolling: its evaluated name, its cloud and its body with templates merged
 * underneath.
 *
 * @param decl the declaration it was stamped from
 * @param name the evaluated name
 * @param nameSpan the name expression, where name errors point
 * @param cloud the cloud it runs on
 * @param onSpan the {@code on} expression
 * @param body the merged body
 * @param complete false when a template it is built from is unknown or cyclic (already reported):
 *     then nothing is reported missing, since the template may have held it
 */
public record PoolInstance(
    Decl.Pool decl,
    String name,
    Span nameSpan,
    CloudValue cloud,
    Span onSpan,
    EBody body,
    boolean complete) {}
