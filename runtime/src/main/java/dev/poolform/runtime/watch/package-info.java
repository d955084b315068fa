/**
 * {@code pool watch}: a reconcile loop that refreshes every interval (the same reads as a plan),
 * reports what changed as {@link dev.poolform.runtime.watch.WatchEvent}s, and, when allowed,
 * applies a plan restricted to the allowed actions under the state lock, taken only while it acts.
 */
package dev.poolform.runtime.watch;
