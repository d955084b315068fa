package dev.poolform.runtime.provider;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * What the runtime lends a provider.
 *
 * @param workspace the configuration directory ({@code local} keeps its simulated cloud under
 *     {@code .poolform/local/} there)
 * @param environment environment variables (credentials chains read the real ones; this is for
 *     settings like {@code AWS_ENDPOINT_URL})
 * @param clock the time source; tests may speed it up
 */
public record ProviderContext(Path workspace, Map<String, String> environment, Clock clock) {
  public ProviderContext {
    environment = Map.copyOf(environment);
  }
}
