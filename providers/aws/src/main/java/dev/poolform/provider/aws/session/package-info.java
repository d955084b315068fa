/**
 * The {@link dev.poolform.runtime.provider.CloudSession} for AWS and its parts: batched reads of
 * groups and template versions, launch template versions and pruning, group writes, machines, and
 * the check-then-retry wrapper that keeps writes from being duplicated when a connection drops.
 */
package dev.poolform.provider.aws.session;
