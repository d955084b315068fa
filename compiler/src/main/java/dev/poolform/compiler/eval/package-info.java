/**
 * Compile-time evaluation: every expression becomes a {@link dev.poolform.stdlib.value.Value},
 * {@code for} and {@code if} are unrolled, templates are deep-merged under each pool body, and
 * {@code env()}/{@code file()} are read. The result is one {@link
 * dev.poolform.compiler.eval.PoolInstance} per stamped pool, whose body keeps the span of every
 * attribute for the checker and the IR. Errors already reported by resolution evaluate to "nothing"
 * (Java {@code null}) silently, so one root cause gives one diagnostic.
 *
 * <p>{@link dev.poolform.compiler.eval.Evaluator} runs the steps; one class a concept: {@code
 * Unroller} ({@code for}/{@code if}) hands each {@code pool} to {@code Stamper}, which merges
 * {@code Templates} under the pool's own body ({@code Bodies}); {@code Clouds} and lets are
 * evaluated on first use ({@code Env.Force}); {@code Expressions} dispatches to {@code
 * LiteralValues}, {@code Interpolation}, {@code MapLiterals}, {@code Access} and {@code Calls}.
 */
package dev.poolform.compiler.eval;
