/**
 * Text helpers for command output that are not diagnostics: unified diffs for {@code pool fmt
 * --diff}.
 */
package dev.poolform.cli.text;
