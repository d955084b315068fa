/**
 * The cloud schemas as data (docs/language.md#the-pool-body, #rollout, #clouds-and-machines): the
 * portable pool body, per-cloud machine and cloud blocks, the {@code capi} block, and per-cloud
 * naming, image and zone rules. The checker walks these, and the IR takes its defaults from them;
 * nothing here knows about source spans: rules return messages and the checker places them.
 */
package dev.poolform.stdlib.schema;
