package dev.poolform.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.LeaseStateType;
import com.azure.storage.blob.specialized.BlobLeaseClientBuilder;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poolform.cli.CliRun;
import dev.poolform.testing.azurite.Azurite;
import dev.poolform.testing.fixtures.TcpRelay;
import java.net.URI;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code examples/teams.pool} with its state in a blob of Azurite's blob service ({@code state
 * azurerm}), held to {@link SharedStateIT}: directories stand for operators' machines; they reach
 * Azurite through a TCP relay, which the network failure cuts; a container per test. Costs one
 * Azurite process and about ten child JVMs (about 60 s here).
 */
class AzurermStateIT extends SharedStateIT {
  static final String BLOB = "web.state.json";
  static Azurite azurite;
  static int containers;

  String container;

  @BeforeAll
  static void start() throws Exception {
    azurite = Azurite.start();
  }

  @AfterAll
  static void stop() {
    if (azurite != null) azurite.close();
  }

  @BeforeEach
  void container() throws Exception {
    containers++;
    container = "team" + containers;
    service().createBlobContainer(container);
    relay = new TcpRelay(URI.create(azurite.endpoint()));
  }

  private static com.azure.storage.blob.BlobServiceClient service() {
    return new BlobServiceClientBuilder()
        .endpoint(azurite.endpoint())
        .credential(new StorageSharedKeyCredential(Azurite.ACCOUNT, Azurite.KEY))
        .buildClient();
  }

  private BlobClient blob() {
    return service().getBlobContainerClient(container).getBlobClient(BLOB);
  }

  @Override
  Workspace machine(String name) throws Exception {
    String endpoint = relay.endpoint() + URI.create(azurite.endpoint()).getPath();
    String block =
        "state azurerm {\n  account = \""
            + Azurite.ACCOUNT
            + "\"\n  container = \""
            + container
            + "\"\n  blob = \""
            + BLOB
            + "\"\n  endpoint = \""
            + endpoint
            + "\"\n}\n";
    Workspace ws = TeamsExample.in(tmp.resolve(name), block);
    ws.env.put("ARM_ACCESS_KEY", Azurite.KEY);
    return ws;
  }

  @Override
  Optional<JsonNode> sharedState() throws Exception {
    if (!blob().exists()) return Optional.empty();
    byte[] bytes = blob().downloadContent().toBytes();
    return bytes.length == 0 ? Optional.empty() : Optional.of(new ObjectMapper().readTree(bytes));
  }

  @Override
  boolean lockPresent() {
    return blob().exists() && blob().getProperties().getLeaseState() == LeaseStateType.LEASED;
  }

  /**
   * A run killed between taking the lease and recording itself leaves a lease that names no holder:
   * {@code apply} says so and names the id that breaks it, a waiting apply says the same when its
   * wait runs out, and {@code pool force-unlock ID} breaks it, after which apply runs.
   */
  @Test
  void aLeaseLeftByARunKilledBeforeRecordingItselfIsBrokenByForceUnlock() throws Exception {
    Workspace a = machine("a");
    blob().upload(BinaryData.fromString(""), true);
    new BlobLeaseClientBuilder()
        .blobClient(blob())
        .leaseId(UUID.randomUUID().toString())
        .buildClient()
        .acquireLease(-1);

    CliRun refused = a.expect(2, "apply", "--auto-approve", "main.pool");
    assertThat(refused.err()).contains("no holder recorded", "stopped before recording itself");
    Matcher m = Pattern.compile("pool force-unlock (\\S+)`").matcher(refused.err());
    assertThat(m.find()).as(refused.err()).isTrue();
    CliRun timedOut = a.expect(2, "apply", "--auto-approve", "--lock-timeout", "1s", "main.pool");
    assertThat(timedOut.err()).contains("no holder recorded", "pool force-unlock " + m.group(1));

    CliRun broken = a.expect(0, "force-unlock", m.group(1), "main.pool");
    assertThat(broken.out()).contains("was broken", "no holder recorded");
    assertThat(lockPresent()).isFalse();
    a.expect(0, "apply", "--auto-approve", "main.pool");
    assertThat(sharedState().orElseThrow().path("resources").has("pool.web")).isTrue();
    assertThat(lockPresent()).isFalse();
  }
}
