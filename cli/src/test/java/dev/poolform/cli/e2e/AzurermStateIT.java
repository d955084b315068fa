package dev.poolform.cli.e2e;

import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.LeaseStateType;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poolform.testing.azurite.Azurite;
import dev.poolform.testing.fixtures.TcpRelay;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * {@code examples/teams.pool} with its state in a blob of Azurite's blob service ({@code state
 * azurerm}), held to {@link SharedStateIT}: directories stand for operators' machines; they reach
 * Azurite through a TCP relay, which the network failure cuts; a container per test. Costs one
 * Azurite process and about six child JVMs (about 40 s here).
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
}
