package dev.poolform.ir;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the state lives: the configuration's {@code state KIND { ... }} block
 * (docs/language.md#state). Absent from a configuration, the state is the local file beside it.
 *
 * @param kind {@code git}, {@code s3} or {@code azurerm}
 * @param settings the block's settings, every value a plain string (checked by the compiler); kept
 *     sorted by name
 */
public record IrBackend(String kind, Map<String, String> settings) {
  public IrBackend {
    settings = Collections.unmodifiableSortedMap(new TreeMap<>(settings));
  }

  /** A setting, or {@code fallback} when the block leaves it out. */
  public String setting(String name, String fallback) {
    return settings.getOrDefault(name, fallback);
  }
}
