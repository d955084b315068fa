package dev.poolform.provider.aws.state;

import dev.poolform.ir.IrBackend;
import dev.poolform.runtime.backend.ObjectStore;
import dev.poolform.runtime.state.LockInfo;
import dev.poolform.runtime.state.StateException;
import dev.poolform.runtime.state.StateLock;
import dev.poolform.runtime.state.StateStore;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * One state object in S3, through the SDK's S3 client (its retries, its credential chain). The lock
 * is the object {@code KEY.tflock}, Terraform's name for it, holding the lock record.
 */
final class S3StateStore implements ObjectStore {
  /** S3's answer when a conditional write's condition does not hold. */
  private static final int PRECONDITION_FAILED = 412;

  /** S3's answer when two conditional writes to one key race; the loser may retry, we report. */
  private static final int CONFLICT = 409;

  private final S3Client s3;
  private final String bucket;
  private final String key;

  S3StateStore(S3Client s3, String bucket, String key) {
    this.s3 = s3;
    this.bucket = bucket;
    this.key = key;
  }

  /**
   * Builds the client: the block's region, its {@code endpoint} (else {@code AWS_ENDPOINT_URL_S3}
   * or {@code AWS_ENDPOINT_URL}, an emulator) with path-style addressing, and the SDK's default
   * credential chain, or the {@code AWS_ACCESS_KEY_ID} pair of the workspace's environment.
   */
  static S3StateStore open(IrBackend spec, Map<String, String> env) throws StateException {
    String bucket = spec.setting("bucket", "");
    String key = spec.setting("key", "");
    AwsCredentialsProvider credentials = credentials(env);
    try {
      credentials.resolveCredentials();
    } catch (SdkClientException | IllegalArgumentException | IllegalStateException e) {
      throw new StateException(
          StateException.Kind.IO,
          "No AWS credentials for the state in s3://"
              + bucket
              + "/"
              + key
              + ": set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE, or run where"
              + " an instance or container role is available.",
          e);
    }
    var b =
        S3Client.builder()
            .httpClient(
                ApacheHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(10))
                    .socketTimeout(Duration.ofSeconds(60))
                    .build())
            .region(Region.of(spec.setting("region", "us-east-1")))
            .credentialsProvider(credentials);
    Optional<String> endpoint =
        Optional.ofNullable(spec.settings().get("endpoint"))
            .or(() -> Optional.ofNullable(env.get("AWS_ENDPOINT_URL_S3")))
            .or(() -> Optional.ofNullable(env.get("AWS_ENDPOINT_URL")))
            .filter(s -> !s.isBlank());
    endpoint.ifPresent(e -> b.endpointOverride(URI.create(e)).forcePathStyle(true));
    return new S3StateStore(b.build(), bucket, key);
  }

  private static AwsCredentialsProvider credentials(Map<String, String> env) {
    String id = env.get("AWS_ACCESS_KEY_ID");
    String secret = env.get("AWS_SECRET_ACCESS_KEY");
    if (id != null && secret != null && !id.isBlank() && !secret.isBlank()) {
      String token = env.get("AWS_SESSION_TOKEN");
      return StaticCredentialsProvider.create(
          token == null || token.isBlank()
              ? AwsBasicCredentials.create(id, secret)
              : software.amazon.awssdk.auth.credentials.AwsSessionCredentials.create(
                  id, secret, token));
    }
    var b = DefaultCredentialsProvider.builder();
    String profile = env.get("AWS_PROFILE");
    if (profile != null && !profile.isBlank()) b.profileName(profile);
    return b.build();
  }

  @Override
  public String describe() {
    return "s3://" + bucket + "/" + key;
  }

  @Override
  public String describeLock() {
    return "s3://" + bucket + "/" + lockKey();
  }

  private String lockKey() {
    return key + ".tflock";
  }

  @Override
  public Optional<Versioned> read() throws IOException {
    return get(key);
  }

  private Optional<Versioned> get(String k) throws IOException {
    try (ResponseInputStream<GetObjectResponse> in = s3.getObject(r -> r.bucket(bucket).key(k))) {
      Long length = in.response().contentLength();
      if (length != null && length > StateStore.MAX_BYTES) {
        throw new IOException(
            "s3://" + bucket + "/" + k + " is " + length + " bytes, more than a state may be");
      }
      byte[] bytes = readBounded(in);
      if (bytes.length == 0) return Optional.empty();
      return Optional.of(new Versioned(bytes, in.response().eTag()));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (SdkException e) {
      throw failure(e);
    }
  }

  private static byte[] readBounded(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes((int) StateStore.MAX_BYTES + 1);
    if (bytes.length > StateStore.MAX_BYTES) throw new IOException("the object is too large");
    return bytes;
  }

  @Override
  public Optional<String> write(byte[] bytes, Optional<String> expected) throws IOException {
    PutObjectRequest.Builder put =
        PutObjectRequest.builder().bucket(bucket).key(key).contentType("application/json");
    if (expected.isPresent()) put.ifMatch(expected.get());
    else put.ifNoneMatch("*");
    try {
      return Optional.of(s3.putObject(put.build(), RequestBody.fromBytes(bytes)).eTag());
    } catch (S3Exception e) {
      if (e.statusCode() == PRECONDITION_FAILED || e.statusCode() == CONFLICT) {
        return Optional.empty();
      }
      throw failure(e);
    } catch (SdkException e) {
      throw failure(e);
    }
  }

  @Override
  public boolean lock(LockInfo info) throws IOException {
    try {
      s3.putObject(
          r -> r.bucket(bucket).key(lockKey()).contentType("application/json").ifNoneMatch("*"),
          RequestBody.fromBytes(StateLock.encode(info)));
      return true;
    } catch (S3Exception e) {
      if (e.statusCode() == PRECONDITION_FAILED || e.statusCode() == CONFLICT) return false;
      throw failure(e);
    } catch (SdkException e) {
      throw failure(e);
    }
  }

  @Override
  public Optional<LockInfo> holder() throws IOException {
    Optional<Versioned> v = get(lockKey());
    return v.isEmpty() ? Optional.empty() : Optional.of(StateLock.decode(v.get().bytes()));
  }

  @Override
  public boolean unlock(LockInfo holder) throws IOException {
    Optional<LockInfo> cur = holder();
    if (cur.isEmpty() || !cur.get().id().equals(holder.id())) return false;
    try {
      s3.deleteObject(r -> r.bucket(bucket).key(lockKey()));
      return true;
    } catch (SdkException e) {
      throw failure(e);
    }
  }

  /** An SDK failure as the I/O failure it is, in S3's own words. */
  private IOException failure(SdkException e) {
    String what =
        e instanceof S3Exception s && s.awsErrorDetails() != null
            ? s.awsErrorDetails().errorCode()
                + (s.awsErrorDetails().errorMessage() == null
                    ? ""
                    : ": " + s.awsErrorDetails().errorMessage())
            : e.getMessage();
    return new IOException(what, e);
  }

  @Override
  public void close() {
    s3.close();
  }
}
