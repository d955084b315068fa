package dev.poolform.capi.importer;

import java.util.List;

/**
 * What {@code pool import capi} produced.
 *
 * @param poolSource the {@code .pool} file, formatted
 * @param warnings one line per field or object that was not imported, or imported approximately
 *     ({@code file:line: Kind `name`: ...}); never empty-handed silence
 */
public record ImportResult(String poolSource, List<String> warnings) {
  public ImportResult {
    warnings = List.copyOf(warnings);
  }
}
