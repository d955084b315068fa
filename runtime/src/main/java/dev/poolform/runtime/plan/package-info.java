/**
 * A plan is pure data: what the clouds looked like (a fingerprint), which state it was made against
 * (lineage and serial), which configuration (a hash), and one {@link PoolChange} per pool with its
 * {@link Action}, before/after trees, attribute diffs and reasons in plain sentences. {@link
 * PlanJson} writes the {@code pool plan --json} document (docs/json.md#plan); {@link PlanFile}
 * writes and reads the {@code --out PLANFILE} file that {@code apply} checks for staleness.
 */
package dev.poolform.runtime.plan;
