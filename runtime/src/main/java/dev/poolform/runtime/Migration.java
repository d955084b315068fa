package dev.poolform.runtime;

/**
 * What {@link Workspace#migrate} did: the state of {@code lineage} at {@code serial} is kept in
 * {@code to}.
 */
public record Migration(String from, String to, String lineage, long serial) {}
