/**
 * The {@code pool} command line: picocli commands, their text and JSON views, and the runnable
 * jar's entry point. This module is the only code in Poolform that prints; everything below it
 * returns values and diagnostics.
 */
package dev.poolform.cli;
