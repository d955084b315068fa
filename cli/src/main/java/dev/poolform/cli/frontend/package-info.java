/**
 * The CLI's one door into the compiler: loading a configuration from a command-line path, compiling
 * it and formatting files. Commands go through here so that path checks (missing, unreadable: exit
 * status 2) and the compiler's entry points are in one place.
 */
package dev.poolform.cli.frontend;
