package dev.poolform.provider.aws.connect;

import dev.poolform.ir.IrCloud;
import dev.poolform.runtime.provider.ProviderException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;

/**
 * The settings of one {@code aws} cloud block.
 *
 * @param cloudName the declared name, for messages
 * @param region the region every call is signed for
 * @param endpoint an endpoint override (an emulator), from the block or {@code AWS_ENDPOINT_URL}
 * @param profile a shared-credentials profile to read instead of {@code default}
 */
public record AwsSettings(
    String cloudName, String region, Optional<URI> endpoint, Optional<String> profile) {

  /** Reads the block; the block's {@code endpoint} wins over {@code AWS_ENDPOINT_URL}. */
  public static AwsSettings from(IrCloud cloud, Map<String, String> environment)
      throws ProviderException {
    var s = cloud.settings();
    String region =
        s.string("region")
            .filter(r -> !r.isBlank())
            .orElseThrow(
                () ->
                    new ProviderException(
                        ProviderException.Kind.CONFIGURATION,
                        null,
                        "region",
                        "Cloud `" + cloud.name() + "` has no `region`; set it in the cloud block.",
                        null));
    Optional<String> endpointText =
        s.string("endpoint")
            .or(() -> Optional.ofNullable(environment.get("AWS_ENDPOINT_URL")))
            .filter(e -> !e.isBlank());
    Optional<URI> endpoint = Optional.empty();
    if (endpointText.isPresent()) {
      try {
        URI uri = new URI(endpointText.get());
        if (uri.getScheme() == null || uri.getHost() == null) {
          throw new URISyntaxException(endpointText.get(), "needs a scheme and a host");
        }
        endpoint = Optional.of(uri);
      } catch (URISyntaxException e) {
        throw new ProviderException(
            ProviderException.Kind.CONFIGURATION,
            null,
            "endpoint",
            "Cloud `"
                + cloud.name()
                + "` has an endpoint that is not a URL (`"
                + endpointText.get()
                + "`); write it like `http://127.0.0.1:5000`.",
            e);
      }
    }
    return new AwsSettings(
        cloud.name(), region, endpoint, s.string("profile").filter(p -> !p.isBlank()));
  }
}
