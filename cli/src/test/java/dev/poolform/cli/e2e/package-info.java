/**
 * End-to-end tests: the {@code pool} commands driven as a user would, in-process for speed, on
 * the local cloud; and the crash test, which SIGKILLs real {@code pool apply} processes.
 */
package dev.poolform.cli.e2e;
