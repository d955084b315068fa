package dev.poolform.testing.arm;

import static dev.poolform.testing.arm.ArmClient.API;
import static dev.poolform.testing.arm.ArmClient.scaleSet;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rules the emulator enforces beyond the shapes of the official examples, each as ARM answers
 * it (the sources are cited beside each rule in the emulator's code): what a scale set needs, what
 * may not change after creation, the limits, rolling upgrades and the health they wait for, and the
 * defaults ARM reports for what a client never set.
 */
class ArmRulesTest {
  private static final String TOKEN = "rules-token";
  private ArmEmulator arm;
  private ArmClient c;

  @BeforeEach
  void start() throws Exception {
    arm = ArmEmulator.start(TOKEN);
    arm.bootMillis = 10;
    arm.pollsBeforeDone = 0;
    c = new ArmClient(arm, TOKEN);
  }

  @AfterEach
  void stop() {
    arm.close();
  }

  private HttpResponse<String> put(String name, JsonNode body) throws Exception {
    return c.call("PUT", scaleSet(name) + API, body);
  }

  private HttpResponse<String> patch(String name, String json) throws Exception {
    return c.call("PATCH", scaleSet(name) + API, c.json.readTree(json));
  }

  private void awaitTrue(String what, java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long end = System.currentTimeMillis() + 5000;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > end) throw new AssertionError("timed out: " + what);
      Thread.sleep(10);
    }
  }

  @Test
  void aProfileWithoutANetworkInterfaceIsRefused() throws Exception {
    ObjectNode body = c.scaleSetBody("Flexible", 1);
    ((ObjectNode) body.path("properties").path("virtualMachineProfile")).remove("networkProfile");
    HttpResponse<String> r = put("bare", body);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(c.code(r)).isEqualTo("VMScaleSetNetworkProfileHasNoNetworkInterfaceConfigs");
    assertThat(c.body(r).path("error").path("message").asText())
        .contains(scaleSet("bare"))
        .contains("has no network interface configurations");
    assertThat(put("bare", c.scaleSetBody("Flexible", 1)).statusCode()).isEqualTo(201);
  }

  @Test
  void createTimePropertiesCannotChange() throws Exception {
    ObjectNode body = c.scaleSetBody("Uniform", 1);
    ((ObjectNode)
            body.path("properties")
                .path("virtualMachineProfile")
                .path("storageProfile")
                .path("osDisk"))
        .putObject("managedDisk")
        .put("storageAccountType", "Premium_LRS");
    assertThat(put("u", body).statusCode()).isEqualTo(201);

    HttpResponse<String> disk =
        patch(
            "u",
            "{\"properties\":{\"virtualMachineProfile\":{\"storageProfile\":{\"osDisk\":"
                + "{\"managedDisk\":{\"storageAccountType\":\"Standard_LRS\"}}}}}}");
    assertThat(disk.statusCode()).isEqualTo(409);
    assertThat(c.code(disk)).isEqualTo("PropertyChangeNotAllowed");
    assertThat(c.body(disk).path("error").path("target").asText())
        .isEqualTo("osDisk.managedDisk.storageAccountType");

    HttpResponse<String> mode = patch("u", "{\"properties\":{\"orchestrationMode\":\"Flexible\"}}");
    assertThat(mode.statusCode()).isEqualTo(409);
    assertThat(c.code(mode)).isEqualTo("PropertyChangeNotAllowed");

    ObjectNode otherVnet = body.deepCopy();
    setSubnet(otherVnet, ArmClient.SUBNET.replace("/vnet/", "/vnet2/"));
    HttpResponse<String> vnet = put("u", otherVnet);
    assertThat(vnet.statusCode()).isEqualTo(400);
    assertThat(c.code(vnet))
        .isEqualTo("VMScaleSetCannotBeUpdatedToReferenceSubnetsFromDifferentVirtualNetworks");
    // Another subnet of the same virtual network is fine.
    ObjectNode sameVnet = body.deepCopy();
    setSubnet(sameVnet, ArmClient.SUBNET.replace("/subnets/a", "/subnets/b"));
    assertThat(put("u", sameVnet).statusCode()).isEqualTo(200);

    ObjectNode flexible = c.scaleSetBody("Flexible", 1);
    assertThat(put("f", flexible).statusCode()).isEqualTo(201);
    HttpResponse<String> fd = patch("f", "{\"properties\":{\"platformFaultDomainCount\":2}}");
    assertThat(fd.statusCode()).isEqualTo(409);
    assertThat(c.body(fd).path("error").path("target").asText())
        .isEqualTo("platformFaultDomainCount");
  }

  private static void setSubnet(ObjectNode body, String subnet) {
    ((ObjectNode)
            body.path("properties")
                .path("virtualMachineProfile")
                .path("networkProfile")
                .path("networkInterfaceConfigurations")
                .get(0)
                .path("properties")
                .path("ipConfigurations")
                .get(0)
                .path("properties")
                .path("subnet"))
        .put("id", subnet);
  }

  @Test
  void limitsOfTagsDisksPlacementGroupsAndQuota() throws Exception {
    ObjectNode tags = c.scaleSetBody("Flexible", 1);
    ObjectNode t = tags.putObject("tags");
    for (int i = 0; i < 51; i++) t.put("k" + i, "v");
    HttpResponse<String> tooMany = put("tags", tags);
    assertThat(tooMany.statusCode()).isEqualTo(400);
    assertThat(c.body(tooMany).path("error").path("target").asText()).isEqualTo("tags");
    t.remove("k50");
    assertThat(put("tags", tags).statusCode()).isEqualTo(201);

    for (String type : new String[] {"UltraSSD_LRS", "PremiumV2_LRS"}) {
      ObjectNode ultra = c.scaleSetBody("Flexible", 1);
      ((ObjectNode)
              ultra
                  .path("properties")
                  .path("virtualMachineProfile")
                  .path("storageProfile")
                  .path("osDisk"))
          .putObject("managedDisk")
          .put("storageAccountType", type);
      HttpResponse<String> r = put("ultra", ultra);
      assertThat(r.statusCode()).as(type).isEqualTo(400);
      assertThat(c.body(r).path("error").path("target").asText())
          .isEqualTo("osDisk.managedDisk.storageAccountType");
    }

    ObjectNode small = c.scaleSetBody("Flexible", 1);
    ((ObjectNode)
            small
                .path("properties")
                .path("virtualMachineProfile")
                .path("storageProfile")
                .path("osDisk"))
        .put("diskSizeGB", 20);
    HttpResponse<String> smallDisk = put("small", small);
    assertThat(smallDisk.statusCode()).isEqualTo(409);
    assertThat(c.code(smallDisk)).isEqualTo("OperationNotAllowed");
    assertThat(c.body(smallDisk).path("error").path("target").asText())
        .isEqualTo("osDisk.diskSizeGB");

    arm.bootMillis = 60_000; // many VMs: they need not boot here
    HttpResponse<String> big = put("big", c.scaleSetBody("Uniform", 101));
    assertThat(big.statusCode()).isEqualTo(409);
    assertThat(c.body(big).path("error").path("message").asText())
        .isEqualTo(
            "Unable to create or update Virtual Machine Scale Set 'big' as it exceeds the total limit of '100' Virtual Machine instances.");
    ObjectNode spread = c.scaleSetBody("Uniform", 101);
    ((ObjectNode) spread.get("properties")).put("singlePlacementGroup", false);
    assertThat(put("big", spread).statusCode()).isEqualTo(201);
    // One placement group again is a property change ARM refuses.
    assertThat(patch("big", "{\"properties\":{\"singlePlacementGroup\":true}}").statusCode())
        .isEqualTo(409);
    assertThat(put("huge", c.scaleSetBody("Flexible", 1001)).statusCode()).isEqualTo(409);

    arm.regionalCoreQuota = 208; // 101 + 1 VMs of 2 vCPUs use 204; 3 more need 6
    HttpResponse<String> quota = put("more", c.scaleSetBody("Flexible", 3));
    assertThat(quota.statusCode()).isEqualTo(409);
    assertThat(c.code(quota)).isEqualTo("OperationNotAllowed");
    assertThat(c.body(quota).path("error").path("message").asText())
        .startsWith("Operation could not be completed as it results in exceeding approved")
        .contains("Additional Required: 2");
  }

  @Test
  void aUniformScaleSetTakesNoEleventhModelItsMachinesWouldReference() throws Exception {
    assertThat(put("u", c.scaleSetBody("Uniform", 1)).statusCode()).isEqualTo(201);
    // Each round: a new model, then one more machine built from it.
    for (int v = 2; v <= 10; v++) {
      assertThat(
              patch(
                      "u",
                      "{\"sku\":{\"capacity\":"
                          + v
                          + "},\"properties\":{\"virtualMachineProfile\":{\"storageProfile\":"
                          + "{\"imageReference\":{\"version\":\"1.0."
                          + v
                          + "\"}}}}}")
                  .statusCode())
          .isEqualTo(200);
    }
    HttpResponse<String> eleventh =
        patch(
            "u",
            "{\"properties\":{\"virtualMachineProfile\":{\"storageProfile\":"
                + "{\"imageReference\":{\"version\":\"1.0.11\"}}}}}");
    assertThat(eleventh.statusCode()).isEqualTo(409);
    assertThat(c.body(eleventh).path("error").path("message").asText())
        .contains("has reached its limit of 10 models");
    // Upgrading the machines to the latest model lifts it.
    ObjectNode all = c.json.createObjectNode();
    var ids = all.putArray("instanceIds");
    for (int i = 0; i < 10; i++) ids.add(Integer.toString(i));
    assertThat(c.call("POST", scaleSet("u") + "/manualupgrade" + API, all).statusCode())
        .isEqualTo(202);
    assertThat(
            patch(
                    "u",
                    "{\"properties\":{\"virtualMachineProfile\":{\"storageProfile\":"
                        + "{\"imageReference\":{\"version\":\"1.0.11\"}}}}}")
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void rollbackOnPolicyBreachIsForUniformOnly() throws Exception {
    String policy =
        "{\"properties\":{\"upgradePolicy\":{\"mode\":\"Manual\",\"rollingUpgradePolicy\":"
            + "{\"rollbackFailedInstancesOnPolicyBreach\":true}}}}";
    assertThat(put("f", c.scaleSetBody("Flexible", 1)).statusCode()).isEqualTo(201);
    HttpResponse<String> refused = patch("f", policy);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(c.body(refused).path("error").path("target").asText())
        .endsWith("rollbackFailedInstancesOnPolicyBreach");
    assertThat(put("u", c.scaleSetBody("Uniform", 1)).statusCode()).isEqualTo(201);
    assertThat(patch("u", policy).statusCode()).isEqualTo(200);
  }

  @Test
  void osRollingUpgradeOnlyMovesInstancesToTheLatestPlatformImageVersion() throws Exception {
    ObjectNode body = c.scaleSetBody("Uniform", 2);
    ArmClient.healthExtension(body, "1.0");
    ((ObjectNode) body.path("properties").path("upgradePolicy")).put("mode", "Rolling");
    assertThat(put("u", body).statusCode()).isEqualTo(201);
    awaitTrue("boot", () -> arm.instances("rg", "u").stream().allMatch(ArmRulesTest::succeeded));

    arm.latestImageVersion = "2.0.0";
    assertThat(c.call("POST", scaleSet("u") + "/osRollingUpgrade" + API, null).statusCode())
        .isEqualTo(202);
    assertThat(arm.instances("rg", "u"))
        .allSatisfy(
            vm -> {
              JsonNode image = vm.path("properties").path("storageProfile").path("imageReference");
              assertThat(image.path("exactVersion").asText()).isEqualTo("2.0.0");
              assertThat(vm.path("properties").path("latestModelApplied").asBoolean()).isTrue();
            });
    JsonNode latest = c.body(c.call("GET", scaleSet("u") + "/rollingUpgrades/latest" + API, null));
    assertThat(latest.path("properties").path("runningStatus").path("code").asText())
        .isEqualTo("Completed");
    assertThat(latest.path("properties").path("progress").path("successfulInstanceCount").asInt())
        .isEqualTo(2);

    ObjectNode custom = c.scaleSetBody("Uniform", 1);
    ArmClient.healthExtension(custom, "1.0");
    ((ObjectNode) custom.path("properties").path("upgradePolicy")).put("mode", "Rolling");
    ObjectNode image =
        (ObjectNode)
            custom
                .path("properties")
                .path("virtualMachineProfile")
                .path("storageProfile")
                .path("imageReference");
    image.removeAll();
    image.put(
        "id",
        "/subscriptions/sub/resourceGroups/img/providers/Microsoft.Compute/galleries/g/images/i/versions/1.0.0");
    assertThat(put("custom", custom).statusCode()).isEqualTo(201);
    HttpResponse<String> refused =
        c.call("POST", scaleSet("custom") + "/osRollingUpgrade" + API, null);
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(c.body(refused).path("error").path("message").asText())
        .contains("unless the VM Scale Set is using a Platform Image");
  }

  /** The scale set's latest rolling upgrade, as {@code rollingUpgrades/latest} answers. */
  private JsonNode latest(String name) {
    try {
      return c.body(c.call("GET", scaleSet(name) + "/rollingUpgrades/latest" + API, null))
          .path("properties");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private String upgradeStatus(String name) {
    return latest(name).path("runningStatus").path("code").asText();
  }

  /** A Uniform scale set with the rich Application Health extension and a Rolling policy. */
  private ObjectNode richRolling(int capacity, ObjectNode policy) {
    ObjectNode body = c.scaleSetBody("Uniform", capacity);
    ArmClient.healthExtension(body, "2.0");
    ((ObjectNode) body.path("properties").path("upgradePolicy"))
        .put("mode", "Rolling")
        .set("rollingUpgradePolicy", policy);
    return body;
  }

  private static boolean succeeded(JsonNode vm) {
    return vm.path("properties").path("provisioningState").asText().equals("Succeeded");
  }

  private static boolean current(JsonNode vm) {
    return vm.path("properties").path("latestModelApplied").asBoolean();
  }

  @Test
  void aGenericUpdateOfARollingScaleSetRollsTheInstancesBehindTheModel() throws Exception {
    ObjectNode body = c.scaleSetBody("Uniform", 2);
    ArmClient.healthExtension(body, "1.0");
    assertThat(put("u", body).statusCode()).isEqualTo(201);
    awaitTrue("boot", () -> arm.instances("rg", "u").stream().allMatch(ArmRulesTest::succeeded));
    // Manual: a new size leaves the machines where they are.
    assertThat(patch("u", "{\"sku\":{\"name\":\"Standard_D4s_v5\"}}").statusCode()).isEqualTo(200);
    assertThat(arm.instances("rg", "u")).noneMatch(ArmRulesTest::current);

    // Rolling, with no model change at all: ARM checks the instances and rolls them; the write's
    // operation lasts as long as the upgrade.
    HttpResponse<String> rolling =
        patch(
            "u",
            "{\"properties\":{\"upgradePolicy\":{\"mode\":\"Rolling\",\"rollingUpgradePolicy\":"
                + "{\"maxBatchInstancePercent\":50,\"maxSurge\":true}}}}");
    assertThat(rolling.statusCode()).isEqualTo(200);
    String op = rolling.headers().firstValue("Azure-AsyncOperation").orElseThrow();
    assertThat(c.body(c.call("GET", op, null)).path("status").asText()).isEqualTo("InProgress");
    awaitTrue("upgrade", () -> upgradeStatus("u").equals("Completed"));
    awaitTrue("old machines gone", () -> arm.instances("rg", "u").size() == 2);
    assertThat(arm.instances("rg", "u")).allMatch(ArmRulesTest::current);
    assertThat(c.body(c.call("GET", op, null)).path("status").asText()).isEqualTo("Succeeded");
  }

  private String health(String name) throws Exception {
    return healthStatus(name).path("code").asText("");
  }

  private JsonNode healthStatus(String name) throws Exception {
    JsonNode vm =
        c.body(
            c.call(
                "GET",
                scaleSet(name) + "/virtualMachines/0" + API + "&$expand=instanceView",
                null));
    return vm.path("properties").path("instanceView").path("vmHealth").path("status");
  }

  @Test
  void theHealthExtensionReportsWhatItsVersionMakesOfTheApplicationsAnswer() throws Exception {
    ObjectNode binary = c.scaleSetBody("Uniform", 1);
    ArmClient.healthExtension(binary, "1.0");
    ObjectNode rich = c.scaleSetBody("Uniform", 1);
    ArmClient.healthExtension(rich, "2.0");
    assertThat(put("binary", binary).statusCode()).isEqualTo(201);
    assertThat(put("rich", rich).statusCode()).isEqualTo(201);
    assertThat(put("none", c.scaleSetBody("Uniform", 1)).statusCode()).isEqualTo(201);
    for (String name : new String[] {"binary", "rich", "none"})
      awaitTrue("boot", () -> arm.instances("rg", name).stream().allMatch(ArmRulesTest::succeeded));

    // A plain 200: healthy for binary states; rich states wait out the grace period, then Unknown.
    assertThat(health("binary")).isEqualTo("HealthState/healthy");
    assertThat(health("rich")).isEqualTo("HealthState/initializing");
    assertThat(health("none")).isEmpty();
    // The status's time is when the state began, not the moment of the read: clients measure from
    // it how long a machine has been healthy.
    String since = healthStatus("binary").path("time").asText();
    Thread.sleep(1100);
    assertThat(healthStatus("binary").path("time").asText()).isEqualTo(since);
    assertThat(health("rich")).isEqualTo("HealthState/unknown");

    arm.application = Application.RICH_HEALTHY;
    assertThat(health("rich")).isEqualTo("HealthState/healthy");
    arm.application = Application.DOWN;
    assertThat(health("binary")).isEqualTo("HealthState/unhealthy");
  }

  @Test
  void aRollingUpgradeWaitsForItsNewMachinesToReportHealthy() throws Exception {
    assertThat(put("u", richRolling(4, quarterBatches())).statusCode()).isEqualTo(201);
    assertThat(patch("u", "{\"sku\":{\"name\":\"Standard_D4s_v5\"}}").statusCode()).isEqualTo(200);
    Thread.sleep(1500);
    // The application answers a plain 200, which rich health states call Unknown: the upgrade stays
    // paused on its first batch.
    assertThat(upgradeStatus("u")).isEqualTo("RollingForward");
    assertThat(latest("u").path("progress").path("successfulInstanceCount").asInt()).isZero();
    arm.application = Application.RICH_HEALTHY;
    awaitTrue("upgrade", () -> upgradeStatus("u").equals("Completed"));
  }

  /** Batches of a quarter, new machines first, at most 25% of the upgraded ones unhealthy. */
  private ObjectNode quarterBatches() {
    return c.json
        .createObjectNode()
        .put("maxBatchInstancePercent", 25)
        .put("maxSurge", true)
        .put("maxUnhealthyUpgradedInstancePercent", 25);
  }

  /**
   * {@code maxUnhealthyUpgradedInstancePercent} counts every upgraded instance, not only the
   * current batch's ("The maximum percentage of upgraded virtual machine instances that can be
   * found to be in an unhealthy state. This check will happen after each batch is upgraded",
   * ComputeRP.json, RollingUpgradePolicy): the first batch's machine, unhealthy by the time the
   * second batch's is, makes two of five, over 25%, and the upgrade faults. Counting the current
   * batch alone (one of five) it would stay paused.
   */
  @Test
  void unhealthyMachinesOfEarlierBatchesCountAgainstTheUpgradedLimit() throws Exception {
    arm.application = Application.RICH_HEALTHY;
    assertThat(
            put("u", richRolling(4, quarterBatches().put("pauseTimeBetweenBatches", "PT2S")))
                .statusCode())
        .isEqualTo(201);
    awaitTrue("boot", () -> arm.instances("rg", "u").stream().allMatch(ArmRulesTest::succeeded));
    assertThat(patch("u", "{\"sku\":{\"name\":\"Standard_D4s_v5\"}}").statusCode()).isEqualTo(200);
    awaitTrue(
        "first batch",
        () -> latest("u").path("progress").path("successfulInstanceCount").asInt() == 1);
    // During the pause between batches the application goes down on every machine.
    arm.application = Application.DOWN;
    awaitTrue("faulted", () -> upgradeStatus("u").equals("Faulted"));
    assertThat(latest("u").path("error").path("code").asText())
        .isEqualTo("MaxUnhealthyUpgradedInstancePercentExceededInRollingUpgrade");
  }

  @Test
  void throttlingAnswers429AndReportsWhatIsLeft() throws Exception {
    assertThat(put("u", c.scaleSetBody("Flexible", 1)).statusCode()).isEqualTo(201);
    arm.throttling.enabled = true;
    HttpResponse<String> first = c.call("GET", scaleSet("u") + API, null);
    assertThat(first.headers().firstValue("x-ms-ratelimit-remaining-resource").orElseThrow())
        .isEqualTo(
            "Microsoft.Compute/LowCostGetVMScaleSet;35,Microsoft.Compute/LowCostGetVMScaleSetSubscription;2399");
    assertThat(
            first.headers().firstValue("x-ms-ratelimit-remaining-subscription-reads").orElseThrow())
        .isEqualTo("249");
    for (int i = 1; i < 36; i++)
      assertThat(c.call("GET", scaleSet("u") + API, null).statusCode()).isEqualTo(200);
    int withRetryAfter = 0;
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> r = c.call("GET", scaleSet("u") + API, null);
      assertThat(r.statusCode()).isEqualTo(429);
      assertThat(c.body(r).path("error").path("details").get(0).path("code").asText())
          .isEqualTo("TooManyRequests");
      if (r.headers().firstValue("Retry-After").isPresent()) withRetryAfter++;
    }
    assertThat(withRetryAfter).isEqualTo(2); // every third 429 comes without Retry-After
    assertThat(arm.throttling.throttledCount()).isEqualTo(3);
    assertThat(
            arm.throttling
                .lowestShares()
                .get("LowCostGetVMScaleSet|" + scaleSet("u").toLowerCase(java.util.Locale.ROOT)))
        .isLessThan(0.05);
    // Another scale set has a bucket of its own.
    assertThat(c.call("GET", scaleSet("other") + API, null).statusCode()).isEqualTo(404);
  }

  @Test
  void getFillsInTheDefaultsARMReportsForWhatWasNeverSet() throws Exception {
    assertThat(put("u", c.scaleSetBody("Uniform", 1)).statusCode()).isEqualTo(201);
    JsonNode got = c.body(c.call("GET", scaleSet("u") + API, null));
    JsonNode props = got.path("properties");
    assertThat(props.path("singlePlacementGroup").asBoolean()).isTrue();
    assertThat(props.path("overprovision").asBoolean()).isFalse(); // set by the client
    JsonNode disk = props.path("virtualMachineProfile").path("storageProfile").path("osDisk");
    assertThat(disk.path("osType").asText()).isEqualTo("Linux");
    assertThat(disk.path("managedDisk").path("storageAccountType").asText())
        .isEqualTo("Standard_LRS");
    JsonNode list =
        c.body(
            c.call(
                "GET",
                ArmClient.RG + "/providers/Microsoft.Compute/virtualMachineScaleSets" + API,
                null));
    assertThat(list.path("value").get(0)).isEqualTo(got);

    arm.fillDefaults = false;
    JsonNode raw = c.body(c.call("GET", scaleSet("u") + API, null));
    assertThat(raw.path("properties").has("singlePlacementGroup")).isFalse();
    assertThat(
            raw.path("properties")
                .path("virtualMachineProfile")
                .path("storageProfile")
                .path("osDisk")
                .has("managedDisk"))
        .isFalse();
  }
}
