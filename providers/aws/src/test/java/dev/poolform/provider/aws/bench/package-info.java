/** Benchmarks against moto; opt-in with {@code -Dpoolform.bench=true}, not part of the suite. */
package dev.poolform.provider.aws.bench;
