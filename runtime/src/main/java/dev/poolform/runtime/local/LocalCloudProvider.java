package dev.poolform.runtime.local;

import dev.poolform.runtime.provider.CloudProvider;
import dev.poolform.runtime.provider.CloudSession;
import dev.poolform.runtime.provider.CloudTarget;
import dev.poolform.runtime.provider.ProviderContext;
import dev.poolform.runtime.provider.ProviderException;
import java.time.Duration;
import java.util.Optional;

/**
 * The {@code local} cloud kind. Needs no credentials; its settings are {@code boot_time}, {@code
 * fail_rate} and {@code seed} (the simulation, kept with each group) and {@code api_latency} (how
 * long each call takes, a property of the connection). No machine attribute is immutable: every
 * change rolls out.
 */
public final class LocalCloudProvider implements CloudProvider {
  public static final String KIND = "local";

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public CloudSession connect(CloudTarget target, ProviderContext context)
      throws ProviderException {
    try {
      LocalSettings settings = LocalSettings.from(target.cloud().settings());
      Duration latency =
          Duration.ofMillis(target.cloud().settings().durationMillis("api_latency").orElse(0L));
      return new LocalSession(
          new LocalCloud(
              context.workspace(), target.cloud().name(), context.clock(), Optional.of(settings)),
          latency);
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
