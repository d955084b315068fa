/**
 * The provider SPI: what the engine needs from a cloud. Small interfaces and records; one
 * implementation per cloud kind ({@code local} in this module, {@code aws} and {@code azure} in
 * their own modules), found through {@link java.util.ServiceLoader}. The engine's rollouts, repairs
 * and crash recovery are written once against these calls.
 */
package dev.poolform.runtime.provider;
