/**
 * One {@code azure} cloud block's session: reads batched per resource group, writes that keep what
 * they do not own (other tags, capacity an autoscaler owns), and a pool's machines listed through
 * the API its orchestration mode requires.
 */
package dev.poolform.provider.azure.session;
