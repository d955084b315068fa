/**
 * moto as a test peer for AWS code: the moto server with Poolform's documented extension ({@code
 * src/main/python/poolform_moto.py}) on a free loopback port, as a JUnit 5 extension (started once
 * per JVM, reset before each test); a fault-injecting loopback proxy; and SDK call counting. A
 * test-scoped dependency of the AWS provider and the CLI; it knows nothing of Poolform's own code.
 */
package dev.poolform.testing.moto;
