package dev.poolform.provider.azure.state;

import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.models.BlobLeaseRequestConditions;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.LeaseStateType;
import com.azure.storage.blob.options.BlobBreakLeaseOptions;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import com.azure.storage.blob.specialized.BlobLeaseClientBuilder;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import dev.poolform.ir.IrBackend;
import dev.poolform.runtime.backend.ObjectStore;
import dev.poolform.runtime.state.LockInfo;
import dev.poolform.runtime.state.StateException;
import dev.poolform.runtime.state.StateLock;
import dev.poolform.runtime.state.StateStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * One state blob, through {@code azure-storage-blob} (its retries, its credentials). The lock is an
 * infinite lease on the blob itself, as Terraform's azurerm backend takes it, with the lease id
 * being the lock's id and the lock record in the blob's metadata; the blob is created empty (no
 * state yet) when there is none to lease. Every write carries the lease and an ETag condition.
 */
final class BlobStateStore implements ObjectStore {
  /** The metadata entry holding the lock record (base64 JSON; metadata values are ASCII). */
  static final String LOCK_METADATA = "poolformlock";

  /** The metadata entry Terraform's azurerm backend keeps its lock record in. */
  static final String TERRAFORM_LOCK_METADATA = "terraformlockid";

  /** What the id of a lease with no lock record starts with ({@link #unrecordedId}). */
  private static final String UNRECORDED_PREFIX = "lease-";

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  /** How long a run that lost the lease waits for the winner's lock record to appear. */
  private static final Duration RECORD_SETTLE = Duration.ofSeconds(3);

  private static final int PRECONDITION_FAILED = 412;
  private static final int CONFLICT = 409;
  private static final int NOT_FOUND = 404;

  private final BlobClient blob;
  private final String where;

  /** The lease this process holds, and the metadata every write under it keeps. */
  private String lease;

  private Map<String, String> leaseMetadata = Map.of();

  /**
   * The ETag of a lease with no record this store already waited on ({@link #awaitLockRecord}): a
   * run that waits with {@code --lock-timeout} tries again every half second, and a record that did
   * not come in the settle time is not coming.
   */
  private String settled = "";

  BlobStateStore(BlobClient blob, String where) {
    this.blob = blob;
    this.where = where;
  }

  /**
   * Builds the client: {@code endpoint} (default {@code https://ACCOUNT.blob.core.windows.net}),
   * and the account key in {@code ARM_ACCESS_KEY} or {@code AZURE_STORAGE_KEY}, a SAS token in
   * {@code ARM_SAS_TOKEN} or {@code AZURE_STORAGE_SAS_TOKEN}, else Microsoft Entra ID through the
   * SDK's default chain (environment, managed identity, Azure CLI).
   */
  static BlobStateStore open(IrBackend spec, Map<String, String> env) throws StateException {
    String account = spec.setting("account", "");
    String container = spec.setting("container", "");
    String name = spec.setting("blob", "");
    String endpoint = spec.setting("endpoint", "https://" + account + ".blob.core.windows.net");
    var b =
        new BlobServiceClientBuilder()
            .endpoint(endpoint)
            .retryOptions(
                new RequestRetryOptions(
                    RetryPolicyType.EXPONENTIAL, 3, Duration.ofSeconds(30), null, null, null));
    Optional<String> key = first(env, "ARM_ACCESS_KEY", "AZURE_STORAGE_KEY");
    Optional<String> sas = first(env, "ARM_SAS_TOKEN", "AZURE_STORAGE_SAS_TOKEN");
    try {
      if (key.isPresent()) b.credential(new StorageSharedKeyCredential(account, key.get()));
      else if (sas.isPresent()) b.sasToken(sas.get());
      else b.credential(new DefaultAzureCredentialBuilder().build());
      BlobClient blob = b.buildClient().getBlobContainerClient(container).getBlobClient(name);
      return new BlobStateStore(
          blob, endpoint.replaceAll("/+$", "") + "/" + container + "/" + name);
    } catch (RuntimeException e) {
      throw new StateException(
          StateException.Kind.IO,
          "Cannot open the state blob in account "
              + account
              + ": "
              + e.getMessage()
              + ". Set ARM_ACCESS_KEY (the account key) or ARM_SAS_TOKEN, or sign in (az login,"
              + " a managed identity).",
          e);
    }
  }

  private static Optional<String> first(Map<String, String> env, String... names) {
    for (String n : names) {
      String v = env.get(n);
      if (v != null && !v.isBlank()) return Optional.of(v);
    }
    return Optional.empty();
  }

  @Override
  public String describe() {
    return where;
  }

  @Override
  public String describeLock() {
    return "the lease on " + where;
  }

  /**
   * Reads the blob and its ETag in one GET, as S3's GetObject does: the bytes and the ETag a later
   * write expects come from one answer, so they belong together however often a run that holds the
   * lock writes the blob meanwhile (its lock record, its state). A reader racing an apply thus
   * always gets a whole state, and then the lock tells it who holds it ("locked", exit 2). Reading
   * the properties first and the content on their ETag, as this once did, failed with 412 when a
   * write fell between the two. The size is bounded while reading, not asked first.
   */
  @Override
  public Optional<Versioned> read() throws IOException {
    Bounded out = new Bounded();
    try {
      var r = blob.downloadStreamWithResponse(out, null, null, null, false, TIMEOUT, Context.NONE);
      return Optional.of(new Versioned(out.toByteArray(), r.getDeserializedHeaders().getETag()));
    } catch (BlobStorageException e) {
      if (e.getStatusCode() == NOT_FOUND) return Optional.empty();
      throw failure(e);
    } catch (RuntimeException e) {
      if (out.over) {
        throw new IOException(
            where + " is larger than a state may be (" + StateStore.MAX_BYTES + " bytes)");
      }
      throw failure(e);
    }
  }

  /** The download's bytes, refused past {@link StateStore#MAX_BYTES}. */
  private static final class Bounded extends ByteArrayOutputStream {
    boolean over;

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      if (count + (long) len > StateStore.MAX_BYTES) {
        over = true;
        throw new UncheckedIOException(new IOException("more than a state may be"));
      }
      super.write(b, off, len);
    }

    @Override
    public synchronized void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }
  }

  @Override
  public Optional<String> write(byte[] bytes, Optional<String> expected) throws IOException {
    BlobRequestConditions when = new BlobRequestConditions().setLeaseId(lease);
    if (expected.isPresent()) when.setIfMatch(expected.get());
    else when.setIfNoneMatch("*");
    try {
      var r =
          blob.uploadWithResponse(
              new BlobParallelUploadOptions(BinaryData.fromBytes(bytes))
                  .setHeaders(new BlobHttpHeaders().setContentType("application/json"))
                  .setMetadata(leaseMetadata)
                  .setRequestConditions(when),
              TIMEOUT,
              Context.NONE);
      return Optional.of(r.getValue().getETag());
    } catch (BlobStorageException e) {
      if (e.getStatusCode() == PRECONDITION_FAILED || e.getStatusCode() == CONFLICT) {
        return Optional.empty();
      }
      throw failure(e);
    } catch (RuntimeException e) {
      throw failure(e);
    }
  }

  @Override
  public boolean lock(LockInfo info) throws IOException {
    try {
      createEmptyIfAbsent();
      var leases = new BlobLeaseClientBuilder().blobClient(blob).leaseId(info.id()).buildClient();
      try {
        leases.acquireLease(-1);
      } catch (BlobStorageException e) {
        if (e.getStatusCode() != CONFLICT) throw e;
        awaitLockRecord(); // leased by someone else: let the holder's record be read
        return false;
      }
      lease = leases.getLeaseId();
      leaseMetadata =
          Map.of(LOCK_METADATA, Base64.getEncoder().encodeToString(StateLock.encode(info)));
      blob.setMetadataWithResponse(
          leaseMetadata, new BlobRequestConditions().setLeaseId(lease), TIMEOUT, Context.NONE);
      return true;
    } catch (BlobStorageException e) {
      throw failure(e);
    } catch (RuntimeException e) {
      throw failure(e);
    }
  }

  /**
   * Poolform takes the lease, then writes its lock record on the blob: two requests. A run that
   * lost the race for the lease may look in between and find a lease without a record. It waits for
   * the record (or the lease's end) a moment, so the holder is named; a lease that still has no
   * record was taken by a run that stopped before recording itself ({@link #holder}).
   */
  private void awaitLockRecord() {
    long end = System.nanoTime() + RECORD_SETTLE.toNanos();
    while (System.nanoTime() < end) {
      BlobProperties p = blob.getProperties();
      if (p.getLeaseState() != LeaseStateType.LEASED
          || recorded(p)
          || settled.equals(p.getETag())) {
        return;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    settled = blob.getProperties().getETag();
  }

  /** Whether a lock record, Poolform's or Terraform's, is on the blob. */
  private static boolean recorded(BlobProperties p) {
    Map<String, String> m = p.getMetadata();
    return m != null && (m.containsKey(LOCK_METADATA) || m.containsKey(TERRAFORM_LOCK_METADATA));
  }

  /** A blob must exist to be leased: an empty one stands for "no state yet". */
  private void createEmptyIfAbsent() {
    try {
      blob.uploadWithResponse(
          new BlobParallelUploadOptions(BinaryData.fromBytes(new byte[0]))
              .setRequestConditions(new BlobRequestConditions().setIfNoneMatch("*")),
          TIMEOUT,
          Context.NONE);
    } catch (BlobStorageException e) {
      boolean exists =
          e.getStatusCode() == CONFLICT
              || e.getStatusCode() == PRECONDITION_FAILED
              || BlobErrorCode.BLOB_ALREADY_EXISTS.equals(e.getErrorCode());
      if (!exists) throw e;
    }
  }

  @Override
  public Optional<LockInfo> holder() throws IOException {
    try {
      BlobProperties p = blob.getProperties();
      if (p.getLeaseState() != LeaseStateType.LEASED) return Optional.empty();
      if (!recorded(p)) {
        // A run that has just taken the lease records itself within a round trip: a reader (the
        // check before a plan, a waiting run) gives it that moment before calling it unrecorded.
        awaitLockRecord();
        p = blob.getProperties();
        if (p.getLeaseState() != LeaseStateType.LEASED) return Optional.empty();
      }
      Map<String, String> metadata = p.getMetadata() == null ? Map.of() : p.getMetadata();
      String record = metadata.get(LOCK_METADATA);
      if (record == null && metadata.containsKey(TERRAFORM_LOCK_METADATA)) {
        // Terraform's lock: it records itself, and only Terraform should remove it.
        return Optional.of(
            new LockInfo(
                "",
                "Terraform (its lock record " + TERRAFORM_LOCK_METADATA + " is on the blob)",
                0,
                p.getLastModified().toInstant(),
                "unknown"));
      }
      if (record == null) {
        // A run killed between taking the lease and recording itself (or between clearing its
        // record and releasing the lease), or a lease taken by hand: nothing names a holder.
        return Optional.of(LockInfo.unrecorded(unrecordedId(p), p.getLastModified().toInstant()));
      }
      return Optional.of(StateLock.decode(Base64.getDecoder().decode(record)));
    } catch (BlobStorageException e) {
      if (e.getStatusCode() == NOT_FOUND) return Optional.empty();
      throw failure(e);
    } catch (IllegalArgumentException e) {
      throw new IOException("the lock record on " + where + " is not base64", e);
    } catch (RuntimeException e) {
      throw failure(e);
    }
  }

  @Override
  public boolean unlock(LockInfo holder) throws IOException {
    Optional<LockInfo> cur = holder();
    if (cur.isEmpty() || holder.id().isEmpty() || !cur.get().id().equals(holder.id())) {
      return false;
    }
    try {
      if (!holder.recorded()) return breakUnrecorded(holder.id());
      blob.setMetadataWithResponse(
          Map.of(), new BlobRequestConditions().setLeaseId(holder.id()), TIMEOUT, Context.NONE);
      new BlobLeaseClientBuilder()
          .blobClient(blob)
          .leaseId(holder.id())
          .buildClient()
          .releaseLease();
      if (holder.id().equals(lease)) {
        lease = null;
        leaseMetadata = Map.of();
      }
      return true;
    } catch (BlobStorageException e) {
      if (e.getStatusCode() == CONFLICT || e.getStatusCode() == PRECONDITION_FAILED) return false;
      throw failure(e);
    } catch (RuntimeException e) {
      throw failure(e);
    }
  }

  /**
   * Breaks a lease that has no record, at once, and only while the blob is as it was when its id
   * was read: no one holds its lease id to release it with. A record written meanwhile changes the
   * ETag, and the break is refused.
   */
  private boolean breakUnrecorded(String id) {
    BlobProperties p = blob.getProperties();
    if (p.getLeaseState() != LeaseStateType.LEASED || recorded(p) || !unrecordedId(p).equals(id)) {
      return false;
    }
    new BlobLeaseClientBuilder()
        .blobClient(blob)
        .buildClient()
        .breakLeaseWithResponse(
            new BlobBreakLeaseOptions()
                .setBreakPeriod(Duration.ZERO)
                .setRequestConditions(new BlobLeaseRequestConditions().setIfMatch(p.getETag())),
            TIMEOUT,
            Context.NONE);
    return true;
  }

  /**
   * The id that names a lease with no record to {@code force-unlock}: Azure never shows a lease's
   * id to anyone but its taker, so it is the blob's ETag, which any write (a lock record, a state)
   * changes. A stale id therefore never breaks a lease someone has since recorded.
   */
  private static String unrecordedId(BlobProperties p) {
    return UNRECORDED_PREFIX + p.getETag().replaceAll("[^0-9A-Za-z]", "");
  }

  /** A storage failure as the I/O failure it is, in the service's own words. */
  private static IOException failure(RuntimeException e) {
    String what =
        e instanceof BlobStorageException s && s.getErrorCode() != null
            ? s.getErrorCode() + " (HTTP " + s.getStatusCode() + ")"
            : e.getMessage();
    return new IOException(what, e);
  }

  @Override
  public void close() {
    // The SDK's HTTP client is shared and needs no closing.
  }
}
