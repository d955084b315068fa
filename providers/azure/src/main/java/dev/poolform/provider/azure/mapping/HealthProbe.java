package dev.poolform.provider.azure.mapping;

import com.azure.resourcemanager.compute.fluent.models.VirtualMachineScaleSetExtensionInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineScaleSetInner;
import com.azure.resourcemanager.compute.models.VirtualMachineScaleSetExtensionProfile;
import dev.poolform.stdlib.value.MapValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code machine.health_probe}: the Application Health extension ({@code Microsoft.ManagedServices
 * / ApplicationHealthLinux}) on every machine, probing {@code protocol://localhost:port/path}.
 *
 * <p>Version 1.0, <em>Binary Health States</em>: an HTTP(S) probe is healthy on a plain 200, which
 * is what a health endpoint answers. Version 2.0 (<em>Rich Health States</em>) would call a plain
 * 200 Unknown, because it wants the body {@code {"ApplicationHealthState": "Healthy"}}, and rolling
 * upgrades pause on Unknown; its grace period defaults to {@code intervalInSeconds *
 * numberOfProbes}, 5 s here
 * (https://learn.microsoft.com/azure/virtual-machine-scale-sets/virtual-machine-scale-sets-health-extension).
 * So Poolform installs 1.0. The pool's {@code health} block stays Poolform's repair policy: its
 * {@code grace} counts from when the extension reported a machine unhealthy.
 *
 * <p>ARM refuses {@code upgradePolicy.mode = Rolling} without a health signal, and on Flexible
 * scale sets only the extension counts, so Poolform uses it for both modes and never a load
 * balancer probe, which would need a load balancer Poolform does not own.
 *
 * <p>A PATCH of {@code extensionProfile.extensions} replaces the whole list, so Poolform always
 * sends the scale set's other extensions back with its own ({@link #extensions}): monitoring agents
 * or policy extensions someone else added stay.
 */
public final class HealthProbe {
  public static final String EXTENSION_NAME = "HealthExtension";
  public static final String PUBLISHER = "Microsoft.ManagedServices";
  public static final String TYPE = "ApplicationHealthLinux";
  public static final String VERSION = "1.0";

  private HealthProbe() {}

  public static boolean declared(MapValue machine) {
    return machine.map("health_probe").isPresent();
  }

  /** Poolform's extension for the pool's probe, if it declares one. */
  static Optional<VirtualMachineScaleSetExtensionInner> extension(MapValue machine) {
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
              return new VirtualMachineScaleSetExtensionInner()
                  .withName(EXTENSION_NAME)
                  .withPublisher(PUBLISHER)
                  .withTypePropertiesType(TYPE)
                  .withTypeHandlerVersion(VERSION)
                  .withAutoUpgradeMinorVersion(true)
                  .withSettings(settings);
            });
  }

  /** The extension profile of a new scale set, or empty when the pool declares no probe. */
  public static Optional<VirtualMachineScaleSetExtensionProfile> extensionProfile(
      MapValue machine) {
    return extension(machine)
        .map(e -> new VirtualMachineScaleSetExtensionProfile().withExtensions(List.of(e)));
  }

  /**
   * The extension list of a model update: the scale set's extensions that are not Poolform's,
   * unchanged, plus Poolform's when the pool declares a probe; empty (nothing to send) when neither
   * has any.
   */
  public static Optional<VirtualMachineScaleSetExtensionProfile> extensions(
      VirtualMachineScaleSetInner current, MapValue machine) {
    List<VirtualMachineScaleSetExtensionInner> out = new ArrayList<>();
    boolean hadOurs = false;
    var profile = current.virtualMachineProfile();
    if (profile != null
        && profile.extensionProfile() != null
        && profile.extensionProfile().extensions() != null) {
      for (VirtualMachineScaleSetExtensionInner e : profile.extensionProfile().extensions()) {
        if (EXTENSION_NAME.equals(e.name())) hadOurs = true;
        else out.add(e);
      }
    }
    extension(machine).ifPresent(out::add);
    if (out.isEmpty() && !hadOurs) return Optional.empty();
    return Optional.of(new VirtualMachineScaleSetExtensionProfile().withExtensions(out));
  }

  /** Whether the scale set's model carries the health extension. */
  public static boolean installed(VirtualMachineScaleSetInner s) {
    var profile = s.virtualMachineProfile();
    if (profile == null
        || profile.extensionProfile() == null
        || profile.extensionProfile().extensions() == null) return false;
    for (VirtualMachineScaleSetExtensionInner e : profile.extensionProfile().extensions()) {
      String type = e.typePropertiesType();
      if ("ApplicationHealthLinux".equals(type) || "ApplicationHealthWindows".equals(type))
        return true;
    }
    return false;
  }
}
