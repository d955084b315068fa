package dev.poolform.testing.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Locale;

/**
 * The Application Health extension on an instance, as
 * https://learn.microsoft.com/azure/virtual-machine-scale-sets/virtual-machine-scale-sets-health-extension
 * describes it. {@code typeHandlerVersion} 1.x is <em>Binary Health States</em>: an HTTP(S) probe
 * is healthy on a 200 and unhealthy on anything else. 2.x is <em>Rich Health States</em>: an
 * HTTP(S) probe is healthy only on a 2xx whose body is {@code {"ApplicationHealthState":
 * "Healthy"}}; the instance is Initializing from the extension's start until the same state was
 * seen {@code numberOfProbes} times or {@code gracePeriod} (default {@code intervalInSeconds *
 * numberOfProbes}) expired, and a missing or invalid body then makes it Unknown. A TCP probe is
 * healthy when the port accepts a connection, in both versions. Rolling upgrades wait on
 * Initializing and treat Unknown as unhealthy (same page, "Unknown state").
 *
 * <p>What the application on every machine answers is the emulator's {@link
 * ArmEmulator#application} setting. The state shows in the instance view as {@code vmHealth} (codes
 * {@code HealthState/healthy|unhealthy|unknown|initializing}, as in
 * https://learn.microsoft.com/azure/virtual-machines/extensions/health-extension).
 */
final class AppHealth {
  private AppHealth() {}

  /** The extension in a model's profile, or null. */
  static JsonNode extension(JsonNode profile) {
    for (JsonNode ext : profile.path("extensionProfile").path("extensions")) {
      String type = ext.path("properties").path("type").asText("");
      if (type.equals("ApplicationHealthLinux") || type.equals("ApplicationHealthWindows"))
        return ext.path("properties");
    }
    return null;
  }

  /**
   * The health the instance reports: {@code healthy}, {@code unhealthy}, {@code unknown} or {@code
   * initializing}; null while it has no extension or has not booted.
   */
  static String state(EmulatedVm vm, Application app, long now) {
    JsonNode ext = extension(vm.model.path("profile"));
    if (ext == null || !"Succeeded".equals(vm.provisioningState)) return null;
    JsonNode settings = ext.path("settings");
    boolean tcp = settings.path("protocol").asText("http").equalsIgnoreCase("tcp");
    boolean rich = ext.path("typeHandlerVersion").asText("1.0").trim().startsWith("2");
    if (tcp || !rich) return app == Application.DOWN ? "unhealthy" : "healthy";
    if (app == Application.RICH_HEALTHY) return "healthy";
    int interval = settings.path("intervalInSeconds").asInt(5);
    int probes = settings.path("numberOfProbes").asInt(1);
    long graceMillis = 1000L * settings.path("gracePeriod").asInt(interval * probes);
    return now - vm.succeededAt < graceMillis ? "initializing" : "unknown";
  }

  /**
   * When the instance entered {@code state}: the extension starts when the VM has booted, and a
   * Rich Health State instance turns Unknown when its grace period ends. The status's {@code time}
   * is this moment, not the moment of the read: a client measures from it how long a machine has
   * been healthy (Poolform's {@code min_ready}), and a time that moves with every read would never
   * let a machine count as ready.
   */
  static long since(EmulatedVm vm, String state) {
    if (!state.equals("unknown")) return vm.succeededAt;
    JsonNode settings = extension(vm.model.path("profile")).path("settings");
    int interval = settings.path("intervalInSeconds").asInt(5);
    int probes = settings.path("numberOfProbes").asInt(1);
    return vm.succeededAt + 1000L * settings.path("gracePeriod").asInt(interval * probes);
  }

  /** The instance view's {@code vmHealth}, or null when the instance reports none. */
  static ObjectNode vmHealth(EmulatedVm vm, Application app, long now) {
    String state = state(vm, app, now);
    if (state == null) return null;
    ObjectNode status = JsonNodeFactory.instance.objectNode();
    status.put("code", "HealthState/" + state);
    status.put(
        "level", state.equals("healthy") || state.equals("initializing") ? "Info" : "Warning");
    status.put("displayStatus", "The VM health is " + state.toLowerCase(Locale.ROOT));
    status.put("time", Instant.ofEpochMilli(since(vm, state)).toString());
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.set("status", status);
    return out;
  }
}
