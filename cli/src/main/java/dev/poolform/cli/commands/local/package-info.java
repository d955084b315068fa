/**
 * {@code pool local ...}: act on the built-in local cloud from outside Poolform, as an autoscaler,
 * a console user or a failing machine would, so users and tests can create drift and failures and
 * watch Poolform see and correct them.
 */
package dev.poolform.cli.commands.local;
