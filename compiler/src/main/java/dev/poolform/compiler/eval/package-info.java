/**
 * Compile-time evaluation: every expression becomes a {@link dev.poolform.stdlib.value.Value},
 * {@code for} and {@code if} are unrolled, templates are deep-merged under each pool body, and
 * {@code env()}/{@code file()} are read. The result is one {@link
 * dev.poolform.compiler.eval.PoolInstance} per stamped pool, whose body keeps the span of every
 * attribute for the checker and the IR. Errors already reported by resolution evaluate to "nothing"
 * (Java {@code null}) silently, so one root cause gives one diagnostic.
 */
package dev.poolform.compiler.eval;
