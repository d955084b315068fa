/** {@code pool watch --notify URL}: alerting events posted to a webhook. */
package dev.poolform.cli.notify;
