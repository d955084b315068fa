package dev.poolform.runtime.local;

import dev.poolform.runtime.provider.CloudProvider;
import dev.poolform.runtime.provider.CloudSession;
import dev.poolform.runtime.provider.CloudTarget;
import dev.poolform.runtime.provider.ProviderContext;
import dev.poolform.runtime.provider.ProviderException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The {@code local} cloud kind. Needs no credentials; its settings are {@code region} (which
 * simulated region, a folder under {@code .poolform/local/}: what the block points at), {@code
 * boot_time}, {@code fail_rate} and {@code seed} (the simulation, kept with each group) and {@code
 * api_latency} (how long each call takes, a property of the connection). No machine attribute is
 * immutable: every change rolls out.
 */
public final class LocalCloudProvider implements CloudProvider {
  public static final String KIND = "local";

  /** The region of a block that names none. */
  public static final String DEFAULT_REGION = "default";

  /** The region a local cloud block points at. */
  public static String region(dev.poolform.stdlib.value.MapValue settings) {
    return settings.string("region").orElse(DEFAULT_REGION);
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public CloudSession connect(CloudTarget target, ProviderContext context)
      throws ProviderException {
    try {
      LocalSettings settings = LocalSettings.from(target.cloud().settings());
      String region = region(target.cloud().settings());
      Path root = LocalCloud.root(context.workspace(), context.environment());
      LocalCloud cloud = LocalCloud.at(root, region, context.clock(), Optional.of(settings));
      if (root.equals(LocalCloud.root(context.workspace()))) {
        OldLayout.upgrade(context.workspace(), target.cloud().name(), region);
      }
      Duration latency =
          Duration.ofMillis(target.cloud().settings().durationMillis("api_latency").orElse(0L));
      return new LocalSession(cloud, root, latency);
    } catch (IllegalArgumentException e) {
      throw new ProviderException(
          ProviderException.Kind.CONFIGURATION,
          null,
          null,
          "cloud `" + target.cloud().name() + "`: " + e.getMessage(),
          e);
    }
  }
}
