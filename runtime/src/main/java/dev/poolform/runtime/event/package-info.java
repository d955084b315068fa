/**
 * What apply reports while it runs: {@link ApplyEvent}s (pool started/finished/failed/skipped,
 * machine launched/retired, rollout progress) sent to an {@link ApplyListener}. The CLI turns them
 * into progress lines; {@link JsonLinesEventWriter} writes them as one JSON object per line for
 * {@code --events FILE}. Listeners are called from several apply threads.
 */
package dev.poolform.runtime.event;
