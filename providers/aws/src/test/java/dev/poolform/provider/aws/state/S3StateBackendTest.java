package dev.poolform.provider.aws.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.ir.IrBackend;
import dev.poolform.runtime.backend.Backends;
import dev.poolform.runtime.backend.ObjectStore;
import dev.poolform.runtime.backend.SharedStateBackendContract;
import dev.poolform.runtime.backend.StateBackend;
import dev.poolform.runtime.state.LockInfo;
import dev.poolform.runtime.state.StateLock;
import dev.poolform.runtime.state.StateStore;
import dev.poolform.testing.fixtures.TcpRelay;
import dev.poolform.testing.moto.MotoExtension;
import dev.poolform.testing.moto.MotoServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The s3 backend against moto's S3, which enforces {@code If-Match} and {@code If-None-Match: *} on
 * PutObject as S3 does, held to the shared backend contract: a directory per machine stands for an
 * operator's machine sharing one bucket.
 */
@ExtendWith(MotoExtension.class)
class S3StateBackendTest extends SharedStateBackendContract {
  static final String BUCKET = "team-state";
  static final String KEY = "web/pool.state.json";

  @TempDir Path tmp;
  URI endpoint;

  @BeforeEach
  void bucket(MotoServer moto) {
    endpoint = moto.endpoint();
    try (S3Client s3 = client()) { // moto is reset before each test
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
    return backend(machine, via, Clock.systemUTC());
  }

  private StateBackend backend(String machine, URI via, Clock clock) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve(machine));
    StateStore store = new StateStore(dir.resolve("pool.state.json"), clock);
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
        clock,
        Map.of("AWS_ACCESS_KEY_ID", "testing", "AWS_SECRET_ACCESS_KEY", "testing"));
  }

  private Optional<String> object(String key) {
    try (S3Client s3 = client()) {
      return Optional.of(
          s3.getObjectAsBytes(r -> r.bucket(BUCKET).key(key)).asString(StandardCharsets.UTF_8));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    }
  }

  // ---------------------------------------------------------------- the contract's hooks

  @Override
  protected StateBackend backend(String machine, Clock clock) throws Exception {
    return backend(machine, endpoint, clock);
  }

  @Override
  protected boolean lockPresent() {
    return object(KEY + ".tflock").isPresent();
  }

  @Override
  protected Path workingFile(String machine) throws Exception {
    return Files.createDirectories(tmp.resolve(machine)).resolve("pool.state.json");
  }

  @Override
  protected Optional<String> shared() {
    return object(KEY);
  }

  /** A plain PutObject, without the lock or a condition. */
  @Override
  protected void writeBehindTheLock(LockInfo held, String content) {
    try (S3Client s3 = client()) {
      s3.putObject(r -> r.bucket(BUCKET).key(KEY), RequestBody.fromString(content));
    }
  }

  /** The backend reaches moto through a TCP relay, which the test cuts. */
  @Override
  protected Network network(String machine) throws Exception {
    TcpRelay relay = new TcpRelay(endpoint);
    StateBackend backend = backend(machine, relay.endpoint());
    return Network.of(backend, relay::cut, relay::close);
  }

  // ---------------------------------------------------------------- s3's own

  /** The lock object sits beside the state, as Terraform's s3 backend keeps it (1.10+). */
  @Test
  void theLockIsAnObjectBesideTheStateNamingItsOperation() throws Exception {
    try (StateBackend.Lock held = backend("a").lock("apply")) {
      assertThat(object(KEY + ".tflock"))
          .hasValueSatisfying(l -> assertThat(l).contains("apply", held.info().id()));
    }
  }

  /**
   * A run reading the state while another, holding the lock, writes it (its lock object, its state)
   * gets a whole state: the read is one GetObject, whose bytes and ETag come in one answer, so it
   * never fails on a write between two requests; then the lock names the holder ("locked", exit 2).
   * The azurerm store reads the same way (BlobStateBackendTest).
   */
  @Test
  void aReadRacingALockHoldersWritesGetsAWholeStateAndTheLockNamesTheHolder() throws Exception {
    try (StateBackend.Lock held = backend("a").lock("apply");
        S3Client writer = client()) {
      AtomicInteger writes = new AtomicInteger();
      AtomicInteger gets = new AtomicInteger();
      ExecutionInterceptor race =
          new ExecutionInterceptor() {
            @Override
            public void beforeExecution(
                Context.BeforeExecution context, ExecutionAttributes attributes) {
              if (!(context.request() instanceof GetObjectRequest g) || !g.key().equals(KEY)) {
                return;
              }
              gets.incrementAndGet();
              writer.putObject(
                  r -> r.bucket(BUCKET).key(KEY),
                  RequestBody.fromString("{\"serial\": " + writes.incrementAndGet() + "}"));
            }
          };
      S3Client raced =
          S3Client.builder()
              .endpointOverride(endpoint)
              .forcePathStyle(true)
              .region(Region.EU_WEST_1)
              .credentialsProvider(
                  StaticCredentialsProvider.create(
                      AwsBasicCredentials.create("testing", "testing")))
              .overrideConfiguration(c -> c.addExecutionInterceptor(race))
              .build();
      try (S3StateStore store = new S3StateStore(raced, BUCKET, KEY)) {
        for (int i = 1; i <= 5; i++) {
          gets.set(0);
          Optional<ObjectStore.Versioned> read = store.read();
          assertThat(gets).hasValue(1);
          assertThat(read).isPresent();
          assertThat(new String(read.get().bytes(), StandardCharsets.UTF_8))
              .isEqualTo("{\"serial\": " + i + "}");
          assertThat(read.get().etag())
              .isEqualTo(writer.headObject(r -> r.bucket(BUCKET).key(KEY)).eTag());
        }
        assertThat(store.holder()).get().extracting(LockInfo::id).isEqualTo(held.info().id());
        assertThat(store.lock(StateLock.newInfo(Clock.systemUTC(), "apply"))).isFalse();
      }
    }
  }
}
