/**
 * What {@code rollout { engine = "cloud" }} becomes on each cloud's own rollout mechanism: the
 * settings sent and what they cannot express exactly. One mapping, used by the compiler for its
 * W0502/E0407 diagnostics, by the providers for what they send, and by the Cluster API emitter for
 * AWSMachinePool's refresh preferences; docs/rollout.md is its table.
 */
package dev.poolform.ir.rollout;
