/**
 * What the runtime's own tests share: simulated time ({@link
 * dev.poolform.runtime.testing.FakeTime}), workspaces on the real local cloud and the smallest
 * configuration to apply there ({@link dev.poolform.runtime.testing.LocalWorkspaces}), a simulated
 * cloud for planner and engine tests ({@link dev.poolform.runtime.testing.SimCloud}) and the
 * harness that runs the engine against it ({@link dev.poolform.runtime.testing.Harness}).
 */
package dev.poolform.runtime.testing;
