package dev.poolform.provider.azure.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.LeaseStateType;
import com.azure.storage.blob.specialized.BlobLeaseClientBuilder;
import com.azure.storage.common.StorageSharedKeyCredential;
import dev.poolform.ir.IrBackend;
import dev.poolform.runtime.backend.Backends;
import dev.poolform.runtime.backend.StateBackend;
import dev.poolform.runtime.state.LockInfo;
import dev.poolform.runtime.state.StateException;
import dev.poolform.runtime.state.StateStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The azurerm backend against Azurite's blob service: the lock is a lease on the state blob, every
 * write carries the lease and the ETag last read. Two directories stand for two operators' machines
 * sharing one container. Costs one Azurite process (a few seconds to start).
 */
class BlobStateBackendTest {
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
        .getBlobClient("web.state.json");
  }

  private StateBackend backend(String machine) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve(machine));
    StateStore store = new StateStore(dir.resolve("pool.state.json"), Clock.systemUTC());
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
                    "web.state.json",
                    "endpoint",
                    azurite.endpoint()))),
        store,
        Clock.systemUTC(),
        Map.of("ARM_ACCESS_KEY", Azurite.KEY));
  }

  private void writeState(String machine, String lineage, long serial) throws Exception {
    Files.writeString(
        tmp.resolve(machine).resolve("pool.state.json"),
        "{\"format_version\":3,\"lineage\":\"" + lineage + "\",\"serial\":" + serial + "}\n");
  }

  private String content() {
    return blob().downloadContent().toString();
  }

  @Test
  void theLeaseLetsOneRunInAndTheStateIsWrittenOnlyOverWhatWasRead() throws Exception {
    StateBackend a = backend("a");
    StateBackend b = backend("b");
    try (StateBackend.Lock held = a.lock("apply")) {
      assertThat(blob().getProperties().getLeaseState()).isEqualTo(LeaseStateType.LEASED);
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
      // The write kept the lock record: the holder is still named while the lease is held.
      assertThat(b.holder()).map(LockInfo::id).contains(held.info().id());
    }
    assertThat(blob().getProperties().getLeaseState()).isNotEqualTo(LeaseStateType.LEASED);
    assertThat(content()).contains("\"serial\":1");

    try (StateBackend.Lock held = b.lock("apply")) {
      b.sync();
      assertThat(Files.readString(tmp.resolve("b/pool.state.json"))).contains("\"serial\":1");
      assertThat(b.notices()).anyMatch(n -> n.contains("it is now at serial 1"));
      writeState("b", "L1", 2);
      held.publish("apply");
    }
    assertThat(content()).contains("\"serial\":2");
  }

  @Test
  void withoutTheLeaseNoOneCanWriteAndAWriteBehindTheEtagIsRefused() throws Exception {
    StateBackend a = backend("a");
    StateBackend.Lock held = a.lock("apply");
    a.sync();
    // Writing without the lease is refused by the service itself.
    assertThatThrownBy(() -> blob().upload(BinaryData.fromString("{}"), true))
        .isInstanceOf(BlobStorageException.class)
        .extracting(e -> ((BlobStorageException) e).getStatusCode())
        .isEqualTo(412);
    // Someone holding the lease id (the lock's id) writes behind this run's back, keeping the
    // lock record in the metadata (an upload replaces the metadata it does not carry).
    var conditions =
        new com.azure.storage.blob.models.BlobRequestConditions().setLeaseId(held.info().id());
    blob()
        .uploadWithResponse(
            new com.azure.storage.blob.options.BlobParallelUploadOptions(
                    BinaryData.fromString(
                        "{\"format_version\":3,\"lineage\":\"L1\",\"serial\":5}\n"))
                .setMetadata(blob().getProperties().getMetadata())
                .setRequestConditions(conditions),
            null,
            null);
    writeState("a", "L1", 1);
    assertThatThrownBy(() -> held.publish("apply"))
        .hasMessageContaining("changed while this run held its lock")
        .hasMessageContaining("pool force-unlock " + held.info().id());
    held.close();
    assertThat(content()).contains("\"serial\":5");
    assertThat(blob().getProperties().getLeaseState()).isEqualTo(LeaseStateType.LEASED);

    // force-unlock: a wrong id never reveals the real one; the right id releases the lease.
    StateBackend b = backend("b");
    assertThatThrownBy(() -> b.forceUnlock("wrong"))
        .hasMessageContaining("another id than wrong")
        .hasMessageNotContaining(held.info().id());
    b.forceUnlock(held.info().id());
    assertThat(blob().getProperties().getLeaseState()).isNotEqualTo(LeaseStateType.LEASED);
  }

  @Test
  void aLeaseTakenByAnotherToolIsALockToo() throws Exception {
    blob().upload(BinaryData.fromString(""), true);
    new BlobLeaseClientBuilder().blobClient(blob()).buildClient().acquireLease(-1);
    assertThatThrownBy(() -> backend("a").lock("apply"))
        .hasMessageContaining("a client other than Poolform");
  }

  @Test
  void anotherLineageOrTheSameSerialWithOtherContentIsRefused() throws Exception {
    StateBackend a = backend("a");
    try (StateBackend.Lock held = a.lock("apply")) {
      a.sync();
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
    assertThat(content()).contains("\"serial\":3");
  }
}
