package dev.poolform.provider.azure;

import dev.poolform.provider.azure.connect.AzureConnection;
import dev.poolform.provider.azure.connect.AzureSettings;
import dev.poolform.provider.azure.connect.CallMetricsPolicy;
import dev.poolform.provider.azure.connect.ScaleSetApi;
import dev.poolform.provider.azure.errors.Retrier;
import dev.poolform.provider.azure.session.AzureSession;
import dev.poolform.runtime.provider.CloudProvider;
import dev.poolform.runtime.provider.CloudSession;
import dev.poolform.runtime.provider.CloudTarget;
import dev.poolform.runtime.provider.ProviderContext;
import dev.poolform.runtime.provider.ProviderException;
import java.time.Duration;
import java.util.Set;

/**
 * The {@code azure} cloud kind: virtual machine scale sets. Registered for {@link
 * java.util.ServiceLoader} in {@code META-INF/services}.
 */
public final class AzureProvider implements CloudProvider {
  public static final String KIND = "azure";

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public CloudSession connect(CloudTarget cloud, ProviderContext context) throws ProviderException {
    AzureSettings settings = AzureSettings.from(cloud.cloud(), context.environment());
    var client =
        AzureConnection.connect(
            settings,
            context.environment(),
            new CallMetricsPolicy(KIND + "." + cloud.cloud().name(), context.calls()));
    Retrier retrier = new Retrier(settings.retryDeadline(), Duration.ofMillis(200));
    return new AzureSession(settings, cloud.lineage(), new ScaleSetApi(client, retrier));
  }

  /**
   * ARM refuses to change the orchestration mode, the zones or the Spot priority of an existing
   * scale set: such a change creates a new scale set and then deletes the old one.
   */
  @Override
  public Set<String> immutableAttributes() {
    return Set.of("machine.orchestration", "machine.zones", "machine.spot");
  }
}
