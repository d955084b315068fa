/**
 * Test harness: the moto emulator as a JUnit 5 extension (started once per JVM, reset before each
 * test), a fault-injecting loopback proxy, SDK call counting, and builders of pools and sessions.
 */
package dev.poolform.provider.aws.harness;
