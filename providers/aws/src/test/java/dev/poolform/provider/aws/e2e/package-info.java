/**
 * End to end: the example configurations compiled and applied through the runtime facade ({@code
 * Workspace}) against moto, with the real provider found through {@code ServiceLoader}.
 */
package dev.poolform.provider.aws.e2e;
