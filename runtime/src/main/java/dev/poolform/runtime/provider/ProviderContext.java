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
 * @param calls where the provider reports each request to the cloud's API ({@code --metrics})
 */
public record ProviderContext(
    Path workspace, Map<String, String> environment, Clock clock, CloudCalls calls) {
  public ProviderContext {
    environment = Map.copyOf(environment);
  }

  /** Nobody counts the requests. */
  public ProviderContext(Path workspace, Map<String, String> environment, Clock clock) {
    this(workspace, environment, clock, CloudCalls.NONE);
  }
}
