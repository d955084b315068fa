package dev.poolform.cli.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poolform.testing.fixtures.TcpRelay;
import dev.poolform.testing.moto.MotoExtension;
import dev.poolform.testing.moto.MotoServer;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * {@code examples/teams.pool} with its state in moto's S3 ({@code state s3}), held to {@link
 * SharedStateIT}: directories stand for operators' machines; they reach moto through a TCP relay,
 * which the network failure cuts. Costs about six child JVMs (about 30 s here).
 */
@ExtendWith(MotoExtension.class)
class S3StateIT extends SharedStateIT {
  static final String BUCKET = "team-state";
  static final String KEY = "web/pool.state.json";

  MotoServer moto;

  @BeforeEach
  void bucket(MotoServer moto) throws Exception {
    this.moto = moto;
    try (S3Client s3 = client()) {
      s3.createBucket(b -> b.bucket(BUCKET));
    }
    relay = new TcpRelay(moto.endpoint());
  }

  private S3Client client() {
    return S3Client.builder()
        .endpointOverride(moto.endpoint())
        .forcePathStyle(true)
        .region(Region.EU_WEST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(MotoClients.KEY, MotoClients.KEY)))
        .build();
  }

  private Optional<JsonNode> object(String key) throws Exception {
    try (S3Client s3 = client()) {
      return Optional.of(
          new ObjectMapper()
              .readTree(s3.getObjectAsBytes(r -> r.bucket(BUCKET).key(key)).asByteArray()));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    }
  }

  @Override
  Workspace machine(String name) throws Exception {
    String s3 =
        "state s3 {\n  bucket = \""
            + BUCKET
            + "\"\n  key = \""
            + KEY
            + "\"\n  region = \"eu-west-1\"\n  endpoint = \""
            + relay.endpoint()
            + "\"\n}\n";
    Workspace ws = TeamsExample.in(tmp.resolve(name), s3);
    ws.env.put("AWS_ACCESS_KEY_ID", MotoClients.KEY);
    ws.env.put("AWS_SECRET_ACCESS_KEY", MotoClients.KEY);
    return ws;
  }

  @Override
  Optional<JsonNode> sharedState() throws Exception {
    return object(KEY);
  }

  @Override
  boolean lockPresent() throws Exception {
    return object(KEY + ".tflock").isPresent();
  }
}
