package dev.poolform.provider.aws.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poolform.ir.IrBackend;
import dev.poolform.runtime.backend.Backends;
import dev.poolform.runtime.backend.StateBackend;
import dev.poolform.runtime.state.LockInfo;
import dev.poolform.runtime.state.StateException;
import dev.poolform.runtime.state.StateStore;
import dev.poolform.testing.moto.FaultProxy;
import dev.poolform.testing.moto.MotoExtension;
import dev.poolform.testing.moto.MotoServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The s3 backend against moto's S3, which enforces {@code If-Match} and {@code If-None-Match: *} on
 * PutObject as S3 does: two directories stand for two operators' machines sharing one bucket.
 */
@ExtendWith(MotoExtension.class)
class S3StateBackendTest {
  static final String BUCKET = "team-state";
  static final String KEY = "web/pool.state.json";

  @TempDir Path tmp;
  URI endpoint;

  @BeforeEach
  void bucket(MotoServer moto) {
    endpoint = moto.endpoint();
    try (S3Client s3 = client()) {
      s3.createBucket(b -> b.bucket(BUCKET));
    }
  }

  private S3Client client() {
    return S3Client.builder()
        .endpointOverride(endpoint)
        .forcePathStyle(true)
        .region(Region.EU_WEST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
        .build();
  }

  private StateBackend backend(String machine, URI via) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve(machine));
    StateStore store = new StateStore(dir.resolve("pool.state.json"), Clock.systemUTC());
    return Backends.open(
        Optional.of(
            new IrBackend(
                "s3",
                Map.of(
                    "bucket",
                    BUCKET,
                    "key",
                    KEY,
                    "region",
                    "eu-west-1",
                    "endpoint",
                    via.toString()))),
        store,
        Clock.systemUTC(),
        Map.of("AWS_ACCESS_KEY_ID", "testing", "AWS_SECRET_ACCESS_KEY", "testing"));
  }

  private StateBackend backend(String machine) throws Exception {
    return backend(machine, endpoint);
  }

  private void writeState(String machine, String lineage, long serial) throws Exception {
    Files.writeString(
        tmp.resolve(machine).resolve("pool.state.json"),
        "{\"format_version\":3,\"lineage\":\"" + lineage + "\",\"serial\":" + serial + "}\n");
  }

  private Optional<String> object(String key) {
    try (S3Client s3 = client()) {
      return Optional.of(
          s3.getObjectAsBytes(r -> r.bucket(BUCKET).key(key)).asString(StandardCharsets.UTF_8));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    }
  }

  @Test
  void theLockIsCreatedOnlyIfAbsentAndTheStateWrittenOnlyOverWhatWasRead() throws Exception {
    StateBackend a = backend("a");
    StateBackend b = backend("b");
    try (StateBackend.Lock held = a.lock("apply")) {
      assertThat(object(KEY + ".tflock")).hasValueSatisfying(l -> assertThat(l).contains("apply"));
      assertThatThrownBy(() -> b.lock("apply"))
          .isInstanceOf(StateException.class)
          .hasMessageContaining("locked by " + held.info().who())
          .hasMessageContaining("pool force-unlock " + held.info().id())
          .extracting(e -> ((StateException) e).kind())
          .isEqualTo(StateException.Kind.LOCKED);
      assertThat(b.holder()).map(LockInfo::id).contains(held.info().id());
      a.sync();
      writeState("a", "L1", 1);
      held.publish("apply");
    }
    assertThat(object(KEY + ".tflock")).isEmpty();
    assertThat(object(KEY)).hasValueSatisfying(s -> assertThat(s).contains("\"serial\":1"));

    // The other machine brings the newer state in (with a notice) and writes over it.
    try (StateBackend.Lock held = b.lock("apply")) {
      b.sync();
      assertThat(Files.readString(tmp.resolve("b/pool.state.json"))).contains("\"serial\":1");
      assertThat(b.notices()).anyMatch(n -> n.contains("it is now at serial 1"));
      writeState("b", "L1", 2);
      held.publish("apply");
    }
    assertThat(object(KEY)).hasValueSatisfying(s -> assertThat(s).contains("\"serial\":2"));
  }

  @Test
  void aStateWrittenBehindTheLockIsNotOverwrittenAndTheLockIsKept() throws Exception {
    StateBackend a = backend("a");
    StateBackend.Lock held = a.lock("apply");
    a.sync();
    try (S3Client s3 = client()) { // someone writes the state without the lock
      s3.putObject(
          r -> r.bucket(BUCKET).key(KEY),
          RequestBody.fromString("{\"format_version\":3,\"lineage\":\"L1\",\"serial\":5}\n"));
    }
    writeState("a", "L1", 1);
    assertThatThrownBy(() -> held.publish("apply"))
        .hasMessageContaining("changed while this run held its lock")
        .hasMessageContaining("pool force-unlock " + held.info().id());
    held.close();
    assertThat(object(KEY)).hasValueSatisfying(s -> assertThat(s).contains("\"serial\":5"));
    assertThat(object(KEY + ".tflock")).isPresent();

    // force-unlock: a wrong id never reveals the real one; the right id removes the lock.
    StateBackend b = backend("b");
    assertThatThrownBy(() -> b.forceUnlock("wrong"))
        .hasMessageContaining("another id than wrong")
        .hasMessageNotContaining(held.info().id());
    b.forceUnlock(held.info().id());
    assertThat(object(KEY + ".tflock")).isEmpty();
  }

  @Test
  void anotherLineageOrTheSameSerialWithOtherContentIsRefused() throws Exception {
    StateBackend a = backend("a");
    try (StateBackend.Lock held = a.lock("apply")) {
      writeState("a", "L1", 3);
      held.publish("apply");
    }
    StateBackend b = backend("b");
    writeState("b", "L2", 9);
    assertThatThrownBy(b::sync).hasMessageContaining("different states");
    Files.writeString(
        tmp.resolve("b/pool.state.json"),
        "{\"format_version\":3,\"lineage\":\"L1\",\"serial\":3,\"x\":1}\n");
    assertThatThrownBy(b::sync).hasMessageContaining("at the same serial 3");
    assertThat(object(KEY)).hasValueSatisfying(s -> assertThat(s).contains("\"serial\":3"));
  }

  @Test
  void aNetworkFailureBeforeTheWriteLosesNoStateAndTheNextRunWritesIt() throws Exception {
    StateBackend.Lock held;
    try (FaultProxy proxy = new FaultProxy(endpoint, 0.0, 13)) {
      StateBackend a = backend("a", proxy.endpoint());
      held = a.lock("apply");
      a.sync();
      writeState("a", "L1", 1);
      proxy.close(); // the network goes away between apply and publish
      assertThatThrownBy(() -> held.publish("apply"))
          .hasMessageContaining("Nothing is lost")
          .hasMessageContaining("pool force-unlock " + held.info().id());
      held.close();
    }
    assertThat(object(KEY + ".tflock")).as("the lock is kept").isPresent();
    assertThat(object(KEY)).as("nothing was written").isEmpty();

    // The next run on this machine, with the network back: force-unlock, then it writes the state.
    StateBackend next = backend("a");
    next.forceUnlock(held.info().id());
    try (StateBackend.Lock again = next.lock("apply")) {
      next.sync();
      again.publish("apply");
    }
    assertThat(object(KEY)).hasValueSatisfying(s -> assertThat(s).contains("\"serial\":1"));
    assertThat(object(KEY + ".tflock")).isEmpty();
  }
}
