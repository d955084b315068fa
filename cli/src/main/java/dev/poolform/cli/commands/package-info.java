/**
 * One file per {@code pool} subcommand. Each takes the {@link dev.poolform.cli.CliContext} in its
 * constructor, returns an exit status from {@code call()} and prints only through the context.
 */
package dev.poolform.cli.commands;
