package dev.poolform.provider.azure.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.policy.HttpPipelineSyncPolicy;
import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.LeaseStateType;
import com.azure.storage.blob.options.BlobBreakLeaseOptions;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import com.azure.storage.blob.specialized.BlobLeaseClientBuilder;
import com.azure.storage.common.StorageSharedKeyCredential;
import dev.poolform.ir.IrBackend;
import dev.poolform.runtime.backend.Backends;
import dev.poolform.runtime.backend.ObjectStore;
import dev.poolform.runtime.backend.SharedStateBackendContract;
import dev.poolform.runtime.backend.StateBackend;
import dev.poolform.runtime.state.LockInfo;
import dev.poolform.runtime.state.StateLock;
import dev.poolform.runtime.state.StateStore;
import dev.poolform.testing.azurite.Azurite;
import dev.poolform.testing.fixtures.TcpRelay;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The azurerm backend against Azurite's blob service, held to the shared backend contract: the lock
 * is a lease on the state blob, every write carries the lease and the ETag last read. A directory
 * per machine stands for an operator's machine sharing one container (a container per test). Costs
 * one Azurite process (a few seconds to start).
 */
class BlobStateBackendTest extends SharedStateBackendContract {
  static final String BLOB = "web.state.json";
  static Azurite azurite;
  static int containers;

  @TempDir Path tmp;
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
  void container() {
    containers++;
    container = "state" + containers;
    new BlobServiceClientBuilder()
        .endpoint(azurite.endpoint())
        .credential(new StorageSharedKeyCredential(Azurite.ACCOUNT, Azurite.KEY))
        .buildClient()
        .createBlobContainer(container);
  }

  private BlobClient blob() {
    return new BlobServiceClientBuilder()
        .endpoint(azurite.endpoint())
        .credential(new StorageSharedKeyCredential(Azurite.ACCOUNT, Azurite.KEY))
        .buildClient()
        .getBlobContainerClient(container)
        .getBlobClient(BLOB);
  }

  private StateBackend backend(String machine, String endpoint) throws Exception {
    return backend(machine, endpoint, Clock.systemUTC());
  }

  private StateBackend backend(String machine, String endpoint, Clock clock) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve(machine));
    StateStore store = new StateStore(dir.resolve("pool.state.json"), clock);
    return Backends.open(
        Optional.of(
            new IrBackend(
                "azurerm",
                Map.of(
                    "account",
                    Azurite.ACCOUNT,
                    "container",
                    container,
                    "blob",
                    BLOB,
                    "endpoint",
                    endpoint))),
        store,
        clock,
        Map.of("ARM_ACCESS_KEY", Azurite.KEY));
  }

  // ---------------------------------------------------------------- the contract's hooks

  @Override
  protected StateBackend backend(String machine, Clock clock) throws Exception {
    return backend(machine, azurite.endpoint(), clock);
  }

  @Override
  protected boolean lockPresent() {
    return blob().exists() && blob().getProperties().getLeaseState() == LeaseStateType.LEASED;
  }

  @Override
  protected Path workingFile(String machine) throws Exception {
    return Files.createDirectories(tmp.resolve(machine)).resolve("pool.state.json");
  }

  /** The blob's content; an empty blob (made only to be leased) is no state. */
  @Override
  protected Optional<String> shared() {
    if (!blob().exists()) return Optional.empty();
    String s = blob().downloadContent().toString();
    return s.isEmpty() ? Optional.empty() : Optional.of(s);
  }

  /**
   * Someone holding the lease id (the lock's id) writes behind the run's back, keeping the lock
   * record in the metadata (an upload replaces the metadata it does not carry). Without the lease
   * the service itself refuses the write.
   */
  @Override
  protected void writeBehindTheLock(LockInfo held, String content) {
    assertThatThrownBy(() -> blob().upload(BinaryData.fromString(content), true))
        .isInstanceOf(BlobStorageException.class)
        .extracting(e -> ((BlobStorageException) e).getStatusCode())
        .isEqualTo(412);
    blob()
        .uploadWithResponse(
            new BlobParallelUploadOptions(BinaryData.fromString(content))
                .setMetadata(blob().getProperties().getMetadata())
                .setRequestConditions(new BlobRequestConditions().setLeaseId(held.id())),
            null,
            null);
  }

  /** The backend reaches Azurite through a TCP relay, which the test cuts. */
  @Override
  protected Network network(String machine) throws Exception {
    TcpRelay relay = new TcpRelay(URI.create(azurite.endpoint()));
    StateBackend backend =
        backend(machine, relay.endpoint() + URI.create(azurite.endpoint()).getPath());
    return Network.of(backend, relay::cut, relay::close);
  }

  // ---------------------------------------------------------------- azurerm's own

  @Test
  void theLockIsALeaseOnTheStateBlobThatKeepsItsRecordThroughWrites() throws Exception {
    StateBackend a = backend("a");
    StateBackend b = backend("b");
    try (StateBackend.Lock held = a.lock("apply")) {
      assertThat(blob().getProperties().getLeaseState()).isEqualTo(LeaseStateType.LEASED);
      a.sync();
      Files.writeString(workingFile("a"), state("L1", 1));
      held.publish("apply");
      // The write kept the lock record: the holder is still named while the lease is held.
      assertThat(b.holder()).map(LockInfo::id).contains(held.info().id());
    }
    assertThat(blob().getProperties().getLeaseState()).isNotEqualTo(LeaseStateType.LEASED);
  }

  /**
   * What a run killed between its two requests leaves: the lease taken (with its own id, as {@link
   * BlobStateStore#lock} takes it), no lock record written. Driven with the SDK's own calls, since
   * the window is one round trip wide.
   */
  @Override
  protected void leaveTheLockOfARunKilledWhileTakingIt() {
    blob().upload(BinaryData.fromString(""), true);
    new BlobLeaseClientBuilder()
        .blobClient(blob())
        .leaseId(UUID.randomUUID().toString())
        .buildClient()
        .acquireLease(-1);
  }

  @Test
  void aLeaseWithNoRecordSaysWhyAndForceUnlockBreaksIt() throws Exception {
    leaveTheLockOfARunKilledWhileTakingIt();
    LockInfo h = backend("a").holder().orElseThrow();
    assertThat(h.recorded()).isFalse();
    assertThatThrownBy(() -> backend("a").lock("apply"))
        .hasMessageContaining("no holder recorded")
        .hasMessageContaining("a run that stopped before recording itself")
        .hasMessageContaining("pool force-unlock " + h.id() + "`");
    LockInfo removed = backend("b").forceUnlock(h.id());
    assertThat(StateLock.removed(removed)).contains("was broken", "no holder recorded");
    assertThat(blob().getProperties().getLeaseState()).isNotEqualTo(LeaseStateType.LEASED);
  }

  /**
   * A reader that looks between a run's lease and its record (the check before a plan, in a race of
   * two applies) waits for the record and names the run, not an unrecorded lease.
   */
  @Test
  void aReaderWaitsForTheRecordOfARunThatHasJustTakenTheLease() throws Exception {
    blob().upload(BinaryData.fromString(""), true);
    LockInfo info = StateLock.newInfo(Clock.systemUTC(), "apply");
    lease(info);
    Thread recording =
        new Thread(
            () -> {
              try {
                Thread.sleep(500);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              record(info);
            });
    recording.start();
    try {
      assertThat(backend("b").holder()).map(LockInfo::id).contains(info.id());
    } finally {
      recording.join();
    }
  }

  /** A stale id never breaks a lease a run has since recorded itself under (the ETag moved). */
  @Test
  void aLeaseWithNoRecordIsNotBrokenOnceItsHolderRecordsItself() throws Exception {
    leaveTheLockOfARunKilledWhileTakingIt();
    String stale = backend("a").holder().orElseThrow().id();
    new BlobLeaseClientBuilder()
        .blobClient(blob())
        .buildClient()
        .breakLeaseWithResponse(
            new BlobBreakLeaseOptions().setBreakPeriod(Duration.ZERO), null, null);
    try (StateBackend.Lock held = backend("a").lock("apply")) {
      assertThatThrownBy(() -> backend("b").forceUnlock(stale))
          .hasMessageContaining("another id than " + stale)
          .hasMessageNotContaining(held.info().id());
      assertThat(lockPresent()).isTrue();
    }
  }

  @Test
  void terraformsLeaseIsNamedAndLeftToTerraform() throws Exception {
    blob().upload(BinaryData.fromString(""), true);
    String lease = UUID.randomUUID().toString();
    new BlobLeaseClientBuilder().blobClient(blob()).leaseId(lease).buildClient().acquireLease(-1);
    blob()
        .setMetadataWithResponse(
            Map.of(BlobStateStore.TERRAFORM_LOCK_METADATA, "e30="),
            new BlobRequestConditions().setLeaseId(lease),
            null,
            null);
    assertThatThrownBy(() -> backend("a").lock("apply"))
        .hasMessageContaining("locked by Terraform")
        .hasMessageContaining("release it with the tool that took it");
    assertThatThrownBy(() -> backend("a").forceUnlock(lease))
        .hasMessageContaining("release it with the tool that took it");
    assertThat(lockPresent()).isTrue();
  }

  /** Takes the blob's lease as the run {@code info} stands for would (its first request). */
  private void lease(LockInfo info) {
    new BlobLeaseClientBuilder()
        .blobClient(blob())
        .leaseId(info.id())
        .buildClient()
        .acquireLease(-1);
  }

  /** Writes {@code info}'s lock record under its lease (that run's second request). */
  private void record(LockInfo info) {
    blob()
        .setMetadataWithResponse(
            Map.of(
                BlobStateStore.LOCK_METADATA,
                Base64.getEncoder().encodeToString(StateLock.encode(info))),
            new BlobRequestConditions().setLeaseId(info.id()),
            null,
            null);
  }

  /**
   * A store over {@link #blob()} whose client runs {@code between} just before each request for the
   * blob's content goes out, as a racing run writing the blob (its lock record, its state) does;
   * {@code gets} counts those requests.
   */
  private BlobStateStore racedStore(Runnable between, AtomicInteger gets) {
    HttpPipelineSyncPolicy race =
        new HttpPipelineSyncPolicy() {
          @Override
          protected void beforeSendingRequest(HttpPipelineCallContext context) {
            if (context.getHttpRequest().getHttpMethod() == HttpMethod.GET) {
              gets.incrementAndGet();
              between.run();
            }
          }
        };
    BlobClient raced =
        new BlobServiceClientBuilder()
            .endpoint(azurite.endpoint())
            .credential(new StorageSharedKeyCredential(Azurite.ACCOUNT, Azurite.KEY))
            .addPolicy(race)
            .buildClient()
            .getBlobContainerClient(container)
            .getBlobClient(BLOB);
    return new BlobStateStore(raced, BLOB);
  }

  /**
   * The race two applies ran into: the loser reads the state while the winner, holding the lease,
   * records its lock on the blob and publishes its state. The read is one GET, whose bytes and ETag
   * belong together however the blob moves around it, so it never fails (it once failed with 412,
   * exit 1, when a write fell between a properties read and the download): the loser gets a whole
   * state, and the lock then names the winner, so the loser reads "locked" (exit 2).
   */
  @Test
  void aReadRacingALockHoldersWritesGetsAWholeStateInOneRequestAndTheLockNamesTheHolder()
      throws Exception {
    blob().upload(BinaryData.fromString("{\"serial\": 1}"), true);
    LockInfo info = StateLock.newInfo(Clock.systemUTC(), "apply");
    lease(info);
    AtomicInteger writes = new AtomicInteger();
    AtomicInteger gets = new AtomicInteger();
    Runnable winner =
        () -> {
          if (writes.getAndIncrement() == 0) {
            record(info);
            return;
          }
          blob()
              .uploadWithResponse(
                  new BlobParallelUploadOptions(
                          BinaryData.fromString("{\"serial\": " + (writes.get() + 1) + "}"))
                      .setMetadata(
                          Map.of(
                              BlobStateStore.LOCK_METADATA,
                              Base64.getEncoder().encodeToString(StateLock.encode(info))))
                      .setRequestConditions(new BlobRequestConditions().setLeaseId(info.id())),
                  null,
                  null);
        };
    BlobStateStore store = racedStore(winner, gets);

    for (int i = 1; i <= 7; i++) {
      gets.set(0);
      Optional<ObjectStore.Versioned> read = store.read();
      assertThat(gets).hasValue(1);
      assertThat(read).isPresent();
      var now = blob().getProperties();
      assertThat(read.get().etag()).isEqualTo(now.getETag());
      assertThat(new String(read.get().bytes(), StandardCharsets.UTF_8))
          .isEqualTo(i == 1 ? "{\"serial\": 1}" : "{\"serial\": " + (i + 1) + "}");
    }
    assertThat(store.holder()).get().extracting(LockInfo::id).isEqualTo(info.id());
    assertThat(store.lock(StateLock.newInfo(Clock.systemUTC(), "apply"))).isFalse();
  }
}
