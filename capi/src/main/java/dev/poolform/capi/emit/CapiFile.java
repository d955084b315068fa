package dev.poolform.capi.emit;

/**
 * One emitted file.
 *
 * @param name {@code <pool>.yaml}
 * @param content multi-document YAML, documents separated by {@code ---} lines, ending in a newline
 */
public record CapiFile(String name, String content) {}
