/**
 * Tests that every example users copy compiles, and that its IR stays what its golden file says.
 */
package dev.poolform.examples;
