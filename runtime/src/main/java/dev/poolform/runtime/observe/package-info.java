/**
 * Looking at the fleet between applies: {@link dev.poolform.runtime.observe.FleetStatus} (what
 * {@code pool status} shows and {@code pool watch} reports and exports), built from the same
 * refresh a plan makes, so observing costs no more cloud calls than planning.
 */
package dev.poolform.runtime.observe;
