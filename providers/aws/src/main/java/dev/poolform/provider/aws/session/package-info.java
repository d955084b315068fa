/**
 * The {@link dev.poolform.runtime.provider.CloudSession} for AWS and its parts: batched reads of
 * groups and template versions ({@link dev.poolform.provider.aws.session.FilteredReads} for ids
 * whose answer never changes), what the session reports of groups ({@code GroupViews}), launch
 * template versions and pruning, group writes, when a create refuses ({@code CreateRefusals}),
 * removing and releasing groups ({@code GroupRemoval}), machines, and the check-then-retry wrapper
 * that keeps writes from being duplicated when a connection drops.
 */
package dev.poolform.provider.aws.session;
