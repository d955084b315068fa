package dev.poolform.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poolform.cli.CliRun;
import dev.poolform.cli.RepoFiles;
import dev.poolform.testing.moto.MotoExtension;
import dev.poolform.testing.moto.MotoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * {@code examples/teams.pool} with its state in moto's S3 ({@code state s3}) from two directories
 * standing for two operators' machines, as real processes: exactly one apply runs and the other is
 * refused at once, naming the holder; a SIGKILLed apply leaves the lock object, which {@code
 * force-unlock} clears, and a state the next apply accepts and writes. Costs four child JVMs (about
 * 20 s here).
 */
@ExtendWith(MotoExtension.class)
class S3StateIT {
  static final String BUCKET = "team-state";
  static final String KEY = "web/pool.state.json";

  @TempDir Path tmp;
  MotoServer moto;

  @BeforeEach
  void bucket(MotoServer moto) {
    this.moto = moto;
    try (S3Client s3 = client()) {
      s3.createBucket(b -> b.bucket(BUCKET));
    }
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

  private Workspace machine(String name) throws Exception {
    String example = Files.readString(RepoFiles.examples().resolve("teams.pool"));
    String s3 =
        "state s3 {\n  bucket = \""
            + BUCKET
            + "\"\n  key = \""
            + KEY
            + "\"\n  region = \"eu-west-1\"\n  endpoint = \""
            + moto.endpoint()
            + "\"\n}\n";
    String config =
        example
            .replaceAll("(?s)\nstate git \\{.*?\\}\n", "\n" + s3)
            .replace("boot_time = 3s", "boot_time = 2s");
    assertThat(config).contains("state s3").doesNotContain("state git");
    Workspace ws = new Workspace(Files.createDirectories(tmp.resolve(name)));
    ws.write("main.pool", config);
    ws.env.put("POOLFORM_POLL_INTERVAL", "100ms");
    ws.env.put("AWS_ACCESS_KEY_ID", MotoClients.KEY);
    ws.env.put("AWS_SECRET_ACCESS_KEY", MotoClients.KEY);
    return ws;
  }

  private static String output(ChildApply c) throws Exception {
    if (!c.process().waitFor(180, TimeUnit.SECONDS)) throw new AssertionError("apply hung");
    Thread.sleep(100); // let the drain thread take the last lines
    return c.output().toString();
  }

  @Test
  void twoMachinesApplyingAtOnceOneRunsTheOtherIsRefusedNamingTheHolder() throws Exception {
    Workspace a = machine("a");
    Workspace b = machine("b");
    ChildApply first = ChildApply.start(a);
    ChildApply second = ChildApply.start(b);
    String outA = output(first);
    String outB = output(second);
    List<Integer> codes = List.of(first.process().exitValue(), second.process().exitValue());
    assertThat(codes).as("a:\n%s\nb:\n%s", outA, outB).containsExactlyInAnyOrder(0, 2);
    String refused = codes.get(0) == 2 ? outA : outB;
    assertThat(refused).contains("The state is locked by ", "`apply` since", "pool force-unlock ");
    assertThat(object(KEY + ".tflock")).isEmpty();
    JsonNode written = object(KEY).orElseThrow();
    assertThat(written.path("serial").asLong()).isPositive();
    assertThat(written.path("resources").has("pool.web")).isTrue();

    // The refused machine's next command brings the state in.
    Workspace loser = codes.get(0) == 2 ? a : b;
    loser.expect(0, "show", "main.pool");
    assertThat(loser.state().path("lineage").asText()).isEqualTo(written.path("lineage").asText());
  }

  @Test
  void aKilledApplyLeavesTheLockObjectThatForceUnlockClearsAndNoStateIsLost() throws Exception {
    Workspace a = machine("a");
    ChildApply.killedAfter(a, 1500);
    assertThat(object(KEY + ".tflock")).as("the killed apply held the lock").isPresent();

    CliRun refused = a.expect(2, "apply", "--auto-approve", "main.pool");
    Matcher m = Pattern.compile("pool force-unlock (\\S+)`").matcher(refused.err());
    assertThat(m.find()).as(refused.err()).isTrue();
    a.expect(0, "force-unlock", m.group(1), "main.pool");
    assertThat(object(KEY + ".tflock")).isEmpty();

    a.expect(0, "apply", "--auto-approve", "main.pool");
    JsonNode written = object(KEY).orElseThrow();
    assertThat(written.path("resources").has("pool.web")).isTrue();
    assertThat(written.path("serial").asLong()).isEqualTo(a.state().path("serial").asLong());
    assertThat(object(KEY + ".tflock")).isEmpty();
  }
}
