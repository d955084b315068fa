/**
 * The values of the {@code .pool} language. Every phase after evaluation (the IR, the runtime, the
 * providers, Cluster API output) sees configuration only as these immutable values.
 */
package dev.poolform.stdlib.value;
