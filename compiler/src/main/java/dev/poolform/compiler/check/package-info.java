/**
 * Schema and constraint checks of evaluated pools (docs/language.md#the-pool-body,
 * #clouds-and-machines): unknown, missing and mistyped attributes against the stdlib schemas,
 * ranges and sets, capacity consistency, rollout progress and the per-cloud rollout mapping, pool
 * names, images and zones per cloud, and the checks across pools (duplicate names after unrolling,
 * {@code after} references and cycles).
 */
package dev.poolform.compiler.check;
