package dev.poolform.testing.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Plain HTTP calls to an emulator, with its token, for the emulator's own tests. */
final class ArmClient {
  static final String API = "?api-version=2025-11-01";
  static final String RG = "/subscriptions/sub/resourceGroups/rg";
  static final String SUBNET =
      "/subscriptions/sub/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/vnet/subnets/a";

  final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final ArmEmulator arm;
  private final String token;

  ArmClient(ArmEmulator arm, String token) {
    this.arm = arm;
    this.token = token;
  }

  HttpResponse<String> call(String method, String path, JsonNode body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(
                URI.create(path.startsWith("http") ? path : arm.endpoint() + path.substring(1)))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json");
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  JsonNode body(HttpResponse<String> r) throws Exception {
    return json.readTree(r.body());
  }

  /** The error code of an error answer. */
  String code(HttpResponse<String> r) throws Exception {
    return body(r).path("error").path("code").asText();
  }

  static String scaleSet(String name) {
    return RG + "/providers/Microsoft.Compute/virtualMachineScaleSets/" + name;
  }

  /** A scale set body as Poolform sends it: Linux, a platform image, one NIC on a subnet. */
  ObjectNode scaleSetBody(String orchestration, long capacity) {
    ObjectNode body = json.createObjectNode();
    body.put("location", "westeurope");
    body.putObject("sku")
        .put("name", "Standard_D2s_v5")
        .put("tier", "Standard")
        .put("capacity", capacity);
    ObjectNode props = body.putObject("properties");
    props.put("orchestrationMode", orchestration);
    if (orchestration.equals("Flexible")) props.put("platformFaultDomainCount", 1);
    else props.put("overprovision", false);
    props.putObject("upgradePolicy").put("mode", "Manual");
    ObjectNode profile = props.putObject("virtualMachineProfile");
    profile.putObject("osProfile").put("computerNamePrefix", "p").put("adminUsername", "azureuser");
    ObjectNode storage = profile.putObject("storageProfile");
    storage
        .putObject("imageReference")
        .put("publisher", "Canonical")
        .put("offer", "ubuntu-24_04-lts")
        .put("sku", "server")
        .put("version", "latest");
    storage.putObject("osDisk").put("createOption", "FromImage");
    ObjectNode nic =
        profile.putObject("networkProfile").putArray("networkInterfaceConfigurations").addObject();
    nic.put("name", "nic");
    ObjectNode ip =
        nic.putObject("properties").put("primary", true).putArray("ipConfigurations").addObject();
    ip.put("name", "ip").putObject("properties").putObject("subnet").put("id", SUBNET);
    return body;
  }

  /** The Application Health extension ({@code version} 1.0 binary, 2.0 rich) on a body. */
  static void healthExtension(ObjectNode body, String version) {
    ObjectNode ext =
        ((ObjectNode) body.path("properties").path("virtualMachineProfile"))
            .putObject("extensionProfile")
            .putArray("extensions")
            .addObject();
    ext.put("name", "HealthExtension");
    ext.putObject("properties")
        .put("publisher", "Microsoft.ManagedServices")
        .put("type", "ApplicationHealthLinux")
        .put("typeHandlerVersion", version)
        .putObject("settings")
        .put("protocol", "http")
        .put("port", 8080)
        .put("requestPath", "/healthz")
        .put("gracePeriod", 1);
  }
}
