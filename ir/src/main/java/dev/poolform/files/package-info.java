/**
 * Reading local files defensively, for every module that reads what a user or another process put
 * on disk (a {@code .pool} file, {@code file()}'s argument, the state): only regular files, never
 * more than a bound, strict UTF-8, and a reason in words for every failure. A FIFO or a device
 * given where a file was expected would otherwise block a read forever or exhaust memory, and a
 * Java {@link java.nio.file.NoSuchFileException}'s message is only the path itself.
 */
package dev.poolform.files;
