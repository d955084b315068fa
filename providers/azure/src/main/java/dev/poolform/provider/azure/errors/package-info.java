/**
 * Azure Resource Manager errors as Poolform sees them: ARM error bodies mapped to {@code
 * ProviderException} kinds and pool attribute paths, and the retry of throttling, 5xx and "another
 * operation is in progress" conflicts within a deadline (on top of the SDK's own retry policy).
 */
package dev.poolform.provider.azure.errors;
