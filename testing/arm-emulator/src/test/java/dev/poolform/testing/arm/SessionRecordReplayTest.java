package dev.poolform.testing.arm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Replays a session the Azure SDK for Java recorded against real ARM (stored trimmed under {@code
 * session-records/}, sources and the known differences in its README): the create of a scale set,
 * its operation polls and the read back. The emulator must answer with the recorded status codes,
 * the recorded headers (in format), and bodies carrying every recorded field with the same JSON
 * type, and no field the recording lacks, except the differences listed here by path.
 */
class SessionRecordReplayTest {
  private static final String TOKEN = "replay-token";
  private static final String RECORD =
      "/session-records/VirtualMachineScaleSetOperationsTests.canCreateVirtualMachineScaleSet.trimmed.json";

  /** What the recording has and the emulator does not: Azure Policy's tags in that subscription. */
  private static final Set<String> ONLY_RECORDED =
      Set.of(
          "tags.azsecpack",
          "tags.platformsettings.host_environment.service.platform_optedin_for_rootcerts");

  /**
   * The properties ARM filled in because the SDK did not set them (read-only ones, and the defaults
   * the emulator's {@code Defaults} fills): left out of the request, expected back.
   */
  private static final List<String> FILLED_BY_ARM =
      List.of(
          "properties.provisioningState",
          "properties.uniqueId",
          "properties.timeCreated",
          "properties.singlePlacementGroup",
          "properties.overprovision",
          "properties.doNotRunExtensionsOnOverprovisionedVMs",
          "properties.virtualMachineProfile.osProfile.secrets",
          "properties.virtualMachineProfile.osProfile.allowExtensionOperations",
          "properties.virtualMachineProfile.osProfile.requireGuestProvisionSignal",
          "properties.virtualMachineProfile.osProfile.linuxConfiguration.provisionVMAgent",
          "properties.virtualMachineProfile.osProfile.linuxConfiguration.enableVMAgentPlatformUpdates",
          "properties.virtualMachineProfile.storageProfile.osDisk.osType");

  private static final Pattern RATE_LIMITS =
      Pattern.compile("Microsoft\\.Compute/\\w+;\\d+(,Microsoft\\.Compute/\\w+;\\d+)*");

  private final ObjectMapper json = new ObjectMapper();
  private ArmEmulator arm;
  private ArmClient c;

  @BeforeEach
  void start() throws Exception {
    arm = ArmEmulator.start(TOKEN);
    arm.bootMillis = 10;
    arm.throttling.enabled = true;
    c = new ArmClient(arm, TOKEN);
  }

  @AfterEach
  void stop() {
    arm.close();
  }

  private static String path(JsonNode record) {
    String uri = record.path("Uri").asText();
    return uri.substring(uri.indexOf("/subscriptions/"), uri.indexOf('?'));
  }

  private static void remove(ObjectNode body, String dotted) {
    String[] parts = dotted.split("\\.", -1);
    JsonNode n = body;
    for (int i = 0; i < parts.length - 1; i++) n = n.path(parts[i]);
    if (n instanceof ObjectNode o) o.remove(parts[parts.length - 1]);
  }

  /** Paths one body has that the other lacks or types differently, minus the known differences. */
  private static List<String> differences(JsonNode recorded, JsonNode emulated) {
    List<String> out = new ArrayList<>();
    for (String d : SpecExampleReplayTest.shapeDiff(recorded, emulated))
      if (ONLY_RECORDED.stream().noneMatch(d::endsWith)) out.add("recorded, not emulated: " + d);
    for (String d : SpecExampleReplayTest.shapeDiff(emulated, recorded))
      out.add("emulated, not recorded: " + d);
    return out;
  }

  @Test
  void createPollAndReadAnswerLikeTheRecordedSession() throws Exception {
    JsonNode records;
    try (InputStream in = getClass().getResourceAsStream(RECORD)) {
      records = json.readTree(in).path("networkCallRecords");
    }
    JsonNode put = records.get(0);
    ObjectNode request = (ObjectNode) put.path("Response").path("Body").deepCopy();
    request.remove(List.of("id", "name", "type"));
    request.putObject("tags"); // the SDK sent none; Azure Policy added the recorded ones
    FILLED_BY_ARM.forEach(p -> remove(request, p));

    HttpResponse<String> created = c.call("PUT", path(put) + ArmClient.API, request);
    assertThat(created.statusCode()).isEqualTo(put.path("Response").path("StatusCode").asInt());
    for (String h :
        List.of(
            "Azure-AsyncOperation",
            "Retry-After",
            "x-ms-request-charge",
            "x-ms-ratelimit-remaining-subscription-writes"))
      assertThat(created.headers().firstValue(h)).as(h).isPresent();
    assertThat(created.headers().firstValue("x-ms-ratelimit-remaining-resource").orElseThrow())
        .matches(RATE_LIMITS);
    assertThat(put.path("Response").path("x-ms-ratelimit-remaining-resource").asText())
        .as("the recorded header has the format the emulator follows")
        .matches(RATE_LIMITS);
    assertThat(differences(put.path("Response").path("Body"), c.body(created))).isEmpty();

    // The operation: in progress, then succeeded, with the recorded fields.
    String op = created.headers().firstValue("Azure-AsyncOperation").orElseThrow();
    HttpResponse<String> inProgress = c.call("GET", op, null);
    assertThat(differences(records.get(1).path("Response").path("Body"), c.body(inProgress)))
        .isEmpty();
    assertThat(inProgress.headers().firstValue("x-ms-ratelimit-remaining-resource").orElseThrow())
        .matches(RATE_LIMITS);
    HttpResponse<String> done = c.call("GET", op, null);
    assertThat(c.body(done).path("status").asText()).isEqualTo("Succeeded");
    assertThat(differences(records.get(2).path("Response").path("Body"), c.body(done))).isEmpty();

    // The read back: the recorded body, defaults filled in.
    JsonNode get = records.get(3);
    HttpResponse<String> read = c.call("GET", path(get) + ArmClient.API, null);
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(differences(get.path("Response").path("Body"), c.body(read))).isEmpty();
    for (String p : FILLED_BY_ARM) {
      JsonNode n = c.body(read);
      for (String part : p.split("\\.", -1)) n = n.path(part);
      assertThat(n.isMissingNode()).as(p).isFalse();
    }
  }
}
