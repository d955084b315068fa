package dev.poolform.provider.azure.mapping;

import com.azure.resourcemanager.compute.fluent.models.VirtualMachineScaleSetExtensionInner;
import com.azure.resourcemanager.compute.models.VirtualMachineScaleSetExtensionProfile;
import dev.poolform.stdlib.value.MapValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code machine.health_probe}: the Application Health extension ({@code Microsoft.ManagedServices
 * / ApplicationHealthLinux} 2.0, rich health states) on every machine, probing {@code protocol://
 * localhost:port/path}. ARM refuses {@code upgradePolicy.mode = Rolling} without a health signal
 * ({@code BadRequest}: "Rolling Upgrade mode is not supported for this Virtual Machine Scale Set
 * because a health probe or health extension was not provided."); on Flexible scale sets only the
 * extension counts, so Poolform uses it for both modes and never a load balancer probe, which would
 * need a load balancer Poolform does not own.
 */
public final class HealthProbe {
  public static final String EXTENSION_NAME = "HealthExtension";
  public static final String PUBLISHER = "Microsoft.ManagedServices";
  public static final String TYPE = "ApplicationHealthLinux";

  private HealthProbe() {}

  public static boolean declared(MapValue machine) {
    return machine.map("health_probe").isPresent();
  }

  /** The extension profile to send, or empty when the pool declares no probe. */
  public static Optional<VirtualMachineScaleSetExtensionProfile> extensionProfile(
      MapValue machine) {
    return machine
        .map("health_probe")
        .map(
            p -> {
              Map<String, Object> settings = new LinkedHashMap<>();
              String protocol = p.string("protocol").orElse("http");
              settings.put("protocol", protocol);
              settings.put("port", p.integer("port").orElse(80L).intValue());
              if (!protocol.equals("tcp"))
                settings.put("requestPath", p.string("path").orElse("/"));
              settings.put("intervalInSeconds", 5);
              settings.put("numberOfProbes", 1);
              return new VirtualMachineScaleSetExtensionProfile()
                  .withExtensions(
                      List.of(
                          new VirtualMachineScaleSetExtensionInner()
                              .withName(EXTENSION_NAME)
                              .withPublisher(PUBLISHER)
                              .withTypePropertiesType(TYPE)
                              .withTypeHandlerVersion("2.0")
                              .withAutoUpgradeMinorVersion(true)
                              .withSettings(settings)));
            });
  }
}
