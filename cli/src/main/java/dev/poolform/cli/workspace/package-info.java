/**
 * What the runtime commands (plan, apply, destroy, show, state, import, force-unlock) share:
 * finding and compiling the configuration, opening its workspace, turning the engine's plans,
 * events, problems and results into the views of {@code dev.poolform.cli.view}, and the exit codes.
 *
 * <p>Exit codes of these commands: 0 success (for {@code plan --detailed-exitcode}: no changes); 1
 * the configuration has errors, the state was refused (corrupt, foreign, older than seen), a saved
 * plan is stale, the user declined, or some pool failed to apply; 2 usage or environment error (bad
 * flags, missing paths, no terminal to ask, the state is locked, a dirty state file in git for
 * {@code --commit}); {@code plan --detailed-exitcode} exits 2 when there are changes.
 */
package dev.poolform.cli.workspace;
