/**
 * Prometheus metrics of {@code pool watch --metrics} and {@code pool apply --metrics}, through the
 * official Prometheus Java client (docs/operate.md#metrics lists every series).
 */
package dev.poolform.cli.metrics;
