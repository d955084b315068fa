/**
 * AWS errors as {@link dev.poolform.runtime.provider.ProviderException}s: which kind (bad value,
 * missing, conflict, transient, configuration) and, for rejected values, which pool attribute
 * ({@code machine.image}, {@code machine.size}, ...) the error is about, so the CLI can point at
 * its source line.
 */
package dev.poolform.provider.aws.errors;
