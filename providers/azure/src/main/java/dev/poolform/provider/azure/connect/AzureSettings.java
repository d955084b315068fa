package dev.poolform.provider.azure.connect;

import dev.poolform.ir.IrCloud;
import dev.poolform.runtime.provider.ProviderException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The evaluated {@code azure} cloud block plus the environment overrides the provider honours.
 *
 * @param cloudName the declared cloud's name, for messages
 * @param subscription subscription id (required)
 * @param resourceGroup resource group of the scale sets (required)
 * @param location e.g. {@code westeurope} (required)
 * @param endpoint a Resource Manager endpoint other than public Azure (an emulator), from the
 *     block's {@code endpoint} or {@code POOLFORM_AZURE_ENDPOINT}
 * @param retryDeadline how long throttling, 5xx and "operation in progress" conflicts are retried
 * @param readTick how long a listing of scale sets and machines serves every pool that asks ({@code
 *     POOLFORM_AZURE_READ_TICK_MS}, default 2 s, the engine's poll interval)
 */
public record AzureSettings(
    String cloudName,
    String subscription,
    String resourceGroup,
    String location,
    Optional<URI> endpoint,
    Duration retryDeadline,
    Duration readTick) {

  public static final String ENDPOINT_ENV = "POOLFORM_AZURE_ENDPOINT";
  public static final String RETRY_DEADLINE_ENV = "POOLFORM_AZURE_RETRY_DEADLINE_SECONDS";
  public static final String READ_TICK_ENV = "POOLFORM_AZURE_READ_TICK_MS";

  /** Reads the block; a missing or malformed setting is a CONFIGURATION error naming it. */
  public static AzureSettings from(IrCloud cloud, Map<String, String> env)
      throws ProviderException {
    var s = cloud.settings();
    String subscription = required(cloud, "subscription", s.string("subscription"));
    String resourceGroup = required(cloud, "resource_group", s.string("resource_group"));
    String location = required(cloud, "location", s.string("location"));
    Optional<String> endpointText = s.string("endpoint").filter(e -> !e.isBlank());
    if (endpointText.isEmpty())
      endpointText = Optional.ofNullable(env.get(ENDPOINT_ENV)).filter(e -> !e.isBlank());
    Optional<URI> endpoint = Optional.empty();
    if (endpointText.isPresent()) {
      try {
        URI u =
            URI.create(
                endpointText.get().endsWith("/") ? endpointText.get() : endpointText.get() + "/");
        if (u.getHost() == null
            || !(u.getScheme().equals("https") || u.getScheme().equals("http"))) {
          throw new IllegalArgumentException("not an http(s) URL");
        }
        endpoint = Optional.of(u);
      } catch (IllegalArgumentException e) {
        throw config(
            "endpoint",
            "cloud `"
                + cloud.name()
                + "`: `endpoint` must be an http(s) URL, found `"
                + endpointText.get()
                + "`.");
      }
    }
    Duration deadline = Duration.ofMinutes(2);
    String d = env.get(RETRY_DEADLINE_ENV);
    if (d != null && !d.isBlank()) {
      try {
        deadline = Duration.ofSeconds(Long.parseLong(d.trim()));
      } catch (NumberFormatException e) {
        throw config(
            null, RETRY_DEADLINE_ENV + " must be a whole number of seconds, found `" + d + "`.");
      }
    }
    Duration tick = Duration.ofSeconds(2);
    String t = env.get(READ_TICK_ENV);
    if (t != null && !t.isBlank()) {
      try {
        tick = Duration.ofMillis(Math.max(0, Long.parseLong(t.trim())));
      } catch (NumberFormatException e) {
        throw config(
            null, READ_TICK_ENV + " must be a whole number of milliseconds, found `" + t + "`.");
      }
    }
    return new AzureSettings(
        cloud.name(), subscription, resourceGroup, location, endpoint, deadline, tick);
  }

  private static String required(IrCloud cloud, String key, Optional<String> value)
      throws ProviderException {
    if (value.isEmpty() || value.get().isBlank()) {
      throw config(
          key,
          "cloud `"
              + cloud.name()
              + "` has no `"
              + key
              + "`: the azure cloud needs subscription,"
              + " resource_group and location before Poolform can call Azure.");
    }
    return value.get().trim();
  }

  private static ProviderException config(String key, String message) {
    return new ProviderException(
        ProviderException.Kind.CONFIGURATION,
        null,
        key == null ? null : "cloud." + key,
        message,
        null);
  }

  /** Loopback endpoints are the only place the emulator mode is allowed. */
  public boolean loopbackEndpoint() {
    return endpoint
        .map(
            u -> {
              String h = u.getHost();
              return h.equals("127.0.0.1")
                  || h.equals("localhost")
                  || h.equals("[::1]")
                  || h.equals("::1");
            })
        .orElse(false);
  }
}
