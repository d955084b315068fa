package dev.poolform.provider.aws.connect;

import dev.poolform.runtime.provider.ProviderException;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The SDK clients of one session. Reads and writes use separate clients that differ only in their
 * retry strategy (see {@link Retries}); all four share one HTTP connection pool.
 */
public final class AwsClients implements AutoCloseable {
  private final SdkHttpClient http;
  private final AutoScalingClient asgRead;
  private final AutoScalingClient asgWrite;
  private final Ec2Client ec2Read;
  private final Ec2Client ec2Write;
  private final Ec2Client ec2BestEffort;
  private final StsClient sts;
  private final AwsSettings settings;

  private AwsClients(
      AwsSettings settings, AwsCredentialsProvider credentials, ClientOptions options) {
    ClientOptions o = options;
    this.settings = settings;
    this.http =
        ApacheHttpClient.builder()
            .maxConnections(50)
            // An AWS endpoint connects in milliseconds; a connect that takes seconds is a
            // firewall or a wrong address, and fails the first call without retries (Retries).
            .connectionTimeout(Duration.ofSeconds(5))
            .socketTimeout(Duration.ofSeconds(60))
            .build();
    Region region = Region.of(settings.region());
    Retries.Reached reached = new Retries.Reached();
    o = o.withInterceptor(reached);
    var read = override(o, Retries.forReads(o.retries(), reached));
    var write = override(o, Retries.forWrites(o.retries()));
    var asgR =
        AutoScalingClient.builder()
            .httpClient(http)
            .region(region)
            .credentialsProvider(credentials)
            .overrideConfiguration(read);
    var asgW =
        AutoScalingClient.builder()
            .httpClient(http)
            .region(region)
            .credentialsProvider(credentials)
            .overrideConfiguration(write);
    var ec2R =
        Ec2Client.builder()
            .httpClient(http)
            .region(region)
            .credentialsProvider(credentials)
            .overrideConfiguration(read);
    var ec2W =
        Ec2Client.builder()
            .httpClient(http)
            .region(region)
            .credentialsProvider(credentials)
            .overrideConfiguration(write);
    var ec2B =
        Ec2Client.builder()
            .httpClient(http)
            .region(region)
            .credentialsProvider(credentials)
            .overrideConfiguration(
                override(o, software.amazon.awssdk.retries.DefaultRetryStrategy.doNotRetry()));
    var stsB =
        StsClient.builder()
            .httpClient(http)
            .region(region)
            .credentialsProvider(credentials)
            .overrideConfiguration(read);
    settings
        .endpoint()
        .ifPresent(
            e -> {
              stsB.endpointOverride(e);
              asgR.endpointOverride(e);
              asgW.endpointOverride(e);
              ec2R.endpointOverride(e);
              ec2W.endpointOverride(e);
              ec2B.endpointOverride(e);
            });
    this.asgRead = asgR.build();
    this.asgWrite = asgW.build();
    this.ec2Read = ec2R.build();
    this.ec2Write = ec2W.build();
    this.ec2BestEffort = ec2B.build();
    this.sts = stsB.build();
  }

  private static ClientOverrideConfiguration override(
      ClientOptions o, software.amazon.awssdk.retries.api.RetryStrategy strategy) {
    var b =
        ClientOverrideConfiguration.builder()
            .retryStrategy(strategy)
            .apiCallTimeout(o.retries().callDeadline())
            .apiCallAttemptTimeout(Duration.ofSeconds(60));
    o.interceptors().forEach(b::addExecutionInterceptor);
    o.publishers().forEach(b::addMetricPublisher);
    return b.build();
  }

  /**
   * Builds the clients after resolving credentials once, so that a missing or broken credential is
   * a configuration error before any cloud call.
   */
  public static AwsClients open(AwsSettings settings, ClientOptions options)
      throws ProviderException {
    AwsCredentialsProvider credentials =
        options
            .credentials()
            .orElseGet(
                () -> {
                  var b = DefaultCredentialsProvider.builder();
                  settings.profile().ifPresent(b::profileName);
                  return b.build();
                });
    try {
      credentials.resolveCredentials();
    } catch (SdkClientException | IllegalArgumentException | IllegalStateException e) {
      throw new ProviderException(
          ProviderException.Kind.CONFIGURATION,
          null,
          settings.profile().isPresent() ? "profile" : null,
          "No AWS credentials for cloud `"
              + settings.cloudName()
              + "`"
              + settings.profile().map(p -> " (profile `" + p + "`)").orElse("")
              + ": set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or configure a profile in"
              + " ~/.aws/credentials, or run where an instance or container role is available.",
          e);
    }
    return new AwsClients(settings, credentials, options);
  }

  public AwsSettings settings() {
    return settings;
  }

  public AutoScalingClient asgRead() {
    return asgRead;
  }

  public AutoScalingClient asgWrite() {
    return asgWrite;
  }

  public Ec2Client ec2Read() {
    return ec2Read;
  }

  public Ec2Client ec2Write() {
    return ec2Write;
  }

  /** For the account the credentials belong to (GetCallerIdentity). */
  public StsClient sts() {
    return sts;
  }

  /** No retries: for clean-up whose failure is harmless (pruning old template versions). */
  public Ec2Client ec2BestEffort() {
    return ec2BestEffort;
  }

  @Override
  public void close() {
    sts.close();
    ec2BestEffort.close();
    asgRead.close();
    asgWrite.close();
    ec2Read.close();
    ec2Write.close();
    http.close();
  }
}
