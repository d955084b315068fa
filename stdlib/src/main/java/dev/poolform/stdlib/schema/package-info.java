/**
 * The cloud schemas as data (docs/language.md#the-pool-body, #rollout, #clouds-and-machines): the
 * portable pool body, per-cloud machine and cloud blocks, the {@code capi} block, per-cloud naming,
 * image and zone rules, and the rollout mapping tables for {@code engine = "cloud"}. The checker
 * walks these; nothing here knows about source spans: rules return messages and the checker places
 * them.
 */
package dev.poolform.stdlib.schema;
