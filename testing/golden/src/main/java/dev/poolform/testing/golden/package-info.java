/**
 * Test infrastructure, used in test scope only: the golden-file check shared by the compiler, CAPI
 * and examples golden tests. It knows nothing of Poolform, only expected files on disk.
 */
package dev.poolform.testing.golden;
