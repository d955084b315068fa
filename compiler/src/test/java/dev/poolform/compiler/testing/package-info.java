/**
 * Test helpers other modules share through the compiler's test-jar: the golden-file check used by
 * the compiler, CAPI and examples golden tests.
 */
package dev.poolform.compiler.testing;
