/**
 * A pool's applied spec as a JSON tree: what state records as "last applied", what plans show as
 * before/after, and what the hashes are computed from. The machine spec hash decides whether a
 * change needs a rollout (new machines) or only metadata: labels are deliberately outside it, so a
 * tag change never replaces a machine (the CAPZ #1763 lesson).
 */
package dev.poolform.runtime.spec;
