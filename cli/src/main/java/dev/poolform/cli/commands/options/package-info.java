/**
 * picocli {@code @Mixin}s: option groups that several commands share, one concept each, so an
 * option has one name, default and help text wherever it appears. Options that only look alike
 * (apply's and destroy's {@code --events} and {@code --auto-approve} say different things) stay
 * with their commands.
 */
package dev.poolform.cli.commands.options;
