package dev.poolform.runtime.state;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The cloud a pool lives on, with its settings as they were when it was applied, so the pool can
 * still be reached (to delete it) after its cloud was removed from the configuration.
 */
public record StateCloud(String kind, String name, JsonNode settings) {
  public StateCloud {
    settings =
        settings == null
            ? dev.poolform.ir.json.CanonicalJson.object()
            : dev.poolform.ir.json.CanonicalJson.normalize(settings);
  }

  /** {@code kind.name}, e.g. {@code local.dev}. */
  public String key() {
    return kind + "." + name;
  }
}
