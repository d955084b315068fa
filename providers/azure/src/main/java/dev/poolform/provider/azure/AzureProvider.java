package dev.poolform.provider.azure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poolform.provider.azure.connect.AzureConnection;
import dev.poolform.provider.azure.connect.AzureSettings;
import dev.poolform.provider.azure.connect.CallMetricsPolicy;
import dev.poolform.provider.azure.connect.RateBudget;
import dev.poolform.provider.azure.connect.ScaleSetApi;
import dev.poolform.provider.azure.errors.Retrier;
import dev.poolform.provider.azure.mapping.SubnetId;
import dev.poolform.provider.azure.session.AzureSession;
import dev.poolform.runtime.provider.CloudProvider;
import dev.poolform.runtime.provider.CloudSession;
import dev.poolform.runtime.provider.CloudTarget;
import dev.poolform.runtime.provider.ProviderContext;
import dev.poolform.runtime.provider.ProviderException;
import java.time.Duration;
import java.util.Optional;
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
    RateBudget budget = new RateBudget();
    var client =
        AzureConnection.connect(
            settings,
            context.environment(),
            budget,
            new CallMetricsPolicy(KIND + "." + cloud.cloud().name(), context.calls()));
    Retrier retrier = new Retrier(settings.retryDeadline(), Duration.ofMillis(200));
    return new AzureSession(settings, cloud.lineage(), new ScaleSetApi(client, retrier, budget));
  }

  /**
   * What an existing scale set cannot take, so a change creates a new scale set and then deletes
   * the old one: the orchestration mode, the zones and the Spot priority, and the OS disk's storage
   * type, a create-time property ARM answers with 409 {@code PropertyChangeNotAllowed}
   * (https://learn.microsoft.com/azure/virtual-machine-scale-sets/virtual-machine-scale-sets-upgrade-scale-set#create-time-properties).
   */
  @Override
  public Set<String> immutableAttributes() {
    return Set.of("machine.orchestration", "machine.zones", "machine.spot", "machine.disk.type");
  }

  /**
   * Besides {@link #immutableAttributes()}: a subnet in another virtual network, which ARM refuses
   * for an existing scale set ({@code
   * VMScaleSetCannotBeUpdatedToReferenceSubnetsFromDifferentVirtualNetworks}); another subnet of
   * the same virtual network is a model change like any other.
   */
  @Override
  public Optional<String> replaceReason(String path, JsonNode before, JsonNode after) {
    if (path.equals("machine.subnet")) {
      Optional<String> from = SubnetId.virtualNetwork(before.asText(""));
      Optional<String> to = SubnetId.virtualNetwork(after.asText(""));
      if (from.isPresent() && to.isPresent() && !from.get().equalsIgnoreCase(to.get()))
        return Optional.of(
            "machine.subnet moved to another virtual network ("
                + from.get()
                + " -> "
                + to.get()
                + ") and a scale set cannot follow it");
      return Optional.empty();
    }
    return CloudProvider.super.replaceReason(path, before, after);
  }
}
