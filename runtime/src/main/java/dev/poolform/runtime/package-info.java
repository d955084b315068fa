/**
 * The runtime's facade for the CLI: {@link Workspace} opens a configuration directory with its
 * state file and offers plan, apply (of a configuration or a saved plan), destroy, the state
 * commands, import and force-unlock. Results are values ({@link PlanResult}, {@link ApplyResult});
 * state refusals are {@link dev.poolform.runtime.state.StateException}s with a sentence for the
 * user. Nothing here prints. Behind the facade, one concept a file: {@link LockedRuns} (the
 * backend's lock around every run that writes state), {@link StalePlans} (a saved plan's checks),
 * {@link StateEdits} ({@code state rm/mv}, import), {@link StateMigration} and {@link KeyRotation}.
 *
 * <p>Sub-packages: {@code json} (canonical JSON), {@code spec} (spec trees and hashes), {@code
 * state} (file, codec, lock), {@code plan} (plan data, JSON, plan files), {@code engine} (planner,
 * applier, rollouts), {@code event} (apply events), {@code provider} (the SPI), {@code local} (the
 * built-in simulated cloud).
 */
package dev.poolform.runtime;
